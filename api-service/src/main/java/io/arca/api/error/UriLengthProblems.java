package io.arca.api.error;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses an over-long request URI with a 414 problem. Vert.x refuses a request line above
 * {@code quarkus.http.limits.max-initial-line-length} in its HTTP decoder, before any route runs, with a 414 that
 * has no body; Quarkus offers no hook for that answer. So that limit is set well above this one (see
 * application.properties) and this route gives the problem for everything in between: only a request line longer
 * than the decoder's limit still gets Vert.x's bare 414.
 */
@ApplicationScoped
public class UriLengthProblems {
    /**
     * Longest accepted path plus query, in characters: Quarkus' default request-line limit, which every request
     * of this API fits many times over (an id is 36 characters, a cursor about 70).
     */
    static final int MAX_URI_LENGTH = 4096;
    private static final Problem TOO_LONG = Problem.of(ProblemType.URI_TOO_LONG,
            "the request URI exceeds " + MAX_URI_LENGTH + " characters", null);

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (context.request().uri().length() > MAX_URI_LENGTH) {
                RouteProblems.answer(context, TOO_LONG);
            } else {
                context.next();
            }
        });
    }
}
