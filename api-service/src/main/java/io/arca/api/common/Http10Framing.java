package io.arca.api.common;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Lets an HTTP/1.0 client see where every response ends. RESTEasy Reactive buffers a body up to
 * {@code quarkus.rest.output-buffer-size} (8 KiB) and sends a larger one as it is written, asking Vert.x for chunked
 * encoding; HTTP/1.0 has none, so Vert.x sends the body with neither a length nor chunks. If the client asked for
 * {@code Connection: keep-alive}, Vert.x then keeps the connection open and the client cannot tell the body is
 * complete: it waits. For such responses this route answers {@code Connection: close} and closes the connection
 * once the body is out, which is how HTTP/1.0 ends a body of unknown length. Responses that carry a
 * {@code Content-Length} keep the connection.
 */
@ApplicationScoped
public class Http10Framing {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (context.request().version() == HttpVersion.HTTP_1_0) {
                HttpServerResponse response = context.response();
                // runs after Vert.x has written its own Connection header, so this one wins
                context.addHeadersEndHandler(headers -> {
                    if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
                        response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                    }
                });
                context.addBodyEndHandler(end -> {
                    if (response.headers().contains(HttpHeaders.CONNECTION, HttpHeaders.CLOSE, true)) {
                        response.close();
                    }
                });
            }
            context.next();
        });
    }
}
