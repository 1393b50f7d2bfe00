package io.arca.api.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Vert.x enforces {@code quarkus.http.limits.max-body-size} itself and answers 413 with an empty body, before any
 * JAX-RS mapper can run. These two routes make that answer a problem too: one refuses a declared
 * {@code Content-Length} above the limit up front, the other rewrites a 413 failure (a chunked body that grew too
 * large).
 */
@ApplicationScoped
public class BodyLimitProblems {
    private static final Problem TOO_LARGE =
            Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "request body exceeds the limit", null);

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && parse(length) > limit) {
                // the client may still be sending: close after answering rather than reading the body
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
                RouteProblems.answer(context, TOO_LARGE);
            } else {
                context.next();
            }
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                RouteProblems.answer(context, TOO_LARGE);
            } else {
                context.next();
            }
        });
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
