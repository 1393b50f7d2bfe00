package io.arca.api.error;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Ends a Vert.x route with a problem, for the limits Vert.x enforces before any JAX-RS mapper can run. */
final class RouteProblems {
    private RouteProblems() {
    }

    static void answer(RoutingContext context, Problem problem) {
        context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
