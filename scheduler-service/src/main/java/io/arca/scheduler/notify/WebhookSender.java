package io.arca.scheduler.notify;

import io.arca.common.crypto.MasterKeyRing;
import io.arca.common.crypto.SecretUnsealException;
import io.arca.common.net.DestinationPolicy;
import io.arca.events.delivery.WebhookSignature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One webhook attempt, Standard Webhooks 1.0: POSTs the event's stored envelope with {@code webhook-id} (the event id,
 * the same on every attempt, so receivers can de-duplicate), {@code webhook-timestamp} (this attempt) and
 * {@code webhook-signature} (one {@code v1,} signature per secret in force). The destination policy is checked before
 * every request (a name may start resolving somewhere denied); a redirect is followed only to the same scheme, host
 * and port; the whole attempt, redirects included, ends after the request timeout; of the response body only the
 * first bytes are read. Never throws: every failure is an outcome with a reason.
 */
public class WebhookSender {
    static final String USER_AGENT = "Arca-Webhooks/1";
    static final int MAX_REDIRECTS = 3;
    /** Bytes of a response body read at most (then the connection is closed); enough for the 512-char excerpt. */
    static final int READ_LIMIT = 4096;

    private final HttpClient http;
    private final Duration requestTimeout;
    private final DestinationPolicy destinations;
    private final WebhookSecretsInForce secrets;

    public WebhookSender(Duration connectTimeout, Duration requestTimeout, DestinationPolicy destinations,
            MasterKeyRing sealer) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        this.requestTimeout = requestTimeout;
        this.destinations = destinations;
        this.secrets = new WebhookSecretsInForce(sealer);
    }

    public AttemptOutcome send(ClaimedDelivery d) {
        Instant attemptedAt = Instant.now();
        long started = System.nanoTime();
        Attempt attempt = new Attempt(attemptedAt, started);
        if (d.eventBody() == null) {
            return attempt.failed(null, "the event is no longer in the event log (older than the retention)", null);
        }
        List<byte[]> keys;
        try {
            keys = secrets.keys(d.channel(), attemptedAt);
        } catch (SecretUnsealException | IllegalArgumentException e) {
            return attempt.failed(null, "the channel's webhook secret does not open: " + e.getMessage(), null);
        }
        byte[] body = d.eventBody().getBytes(StandardCharsets.UTF_8);
        String id = d.eventId().toString();
        long timestamp = attemptedAt.getEpochSecond();
        String signature = WebhookSignature.header(keys, id, timestamp, body);
        long deadline = started + requestTimeout.toNanos();

        URI uri;
        try {
            uri = URI.create(d.channel().url());
        } catch (IllegalArgumentException e) {
            return attempt.failed(null, "invalid URL: " + e.getMessage(), null);
        }
        for (int hop = 0; ; hop++) {
            Optional<String> refused = refusal(uri);
            if (refused.isPresent()) {
                return attempt.failed(null, refused.get(), null);
            }
            HttpResponse<byte[]> response;
            try {
                response = post(uri, d, id, timestamp, signature, body, deadline);
            } catch (TimeoutException e) {
                return attempt.failed(null, "timed out after " + requestTimeout.toMillis() + " ms", null);
            } catch (IOException e) {
                return attempt.failed(null, describe(e), null);
            } catch (IllegalArgumentException e) {
                return attempt.failed(null, "request refused by the HTTP client: " + e.getMessage(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return attempt.failed(null, "interrupted (the scheduler is stopping)", null);
            }
            int status = response.statusCode();
            String excerpt = excerpt(response.body());
            if (status >= 200 && status < 300) {
                return attempt.delivered(status, excerpt);
            }
            Optional<String> location = response.headers().firstValue("location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                URI next;
                try {
                    next = uri.resolve(location.get().trim());
                } catch (IllegalArgumentException e) {
                    return attempt.failed(status, "redirect to an invalid Location", excerpt);
                }
                if (!sameOrigin(uri, next)) {
                    return attempt.failed(status, "redirect to another host refused (" + origin(next) + ")", excerpt);
                }
                if (hop >= MAX_REDIRECTS) {
                    return attempt.failed(status, "more than " + MAX_REDIRECTS + " redirects", excerpt);
                }
                uri = next;
                continue;
            }
            return attempt.failed(status, "HTTP " + status, excerpt);
        }
    }

    private HttpResponse<byte[]> post(URI uri, ClaimedDelivery d, String id, long timestamp, String signature,
            byte[] body, long deadline) throws IOException, InterruptedException, TimeoutException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new TimeoutException();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(remaining))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        // custom headers first, so none of them can replace one of the protocol's (the API also refuses those names)
        d.channel().headers().forEach(request::header);
        request.setHeader("Content-Type", "application/json").setHeader("User-Agent", USER_AGENT)
                .setHeader("webhook-id", id).setHeader("webhook-timestamp", Long.toString(timestamp))
                .setHeader("webhook-signature", signature);
        CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request.build(),
                info -> new BoundedBody(READ_LIMIT));
        try {
            // the request's own timeout covers the wait for the headers; this one also covers the body's first bytes
            return sent.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            sent.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException t && !(t instanceof HttpConnectTimeoutException)) {
                throw new TimeoutException();
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    private Optional<String> refusal(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return Optional.of("the URL has no host");
        }
        try {
            return destinations.refusal(host);
        } catch (UnknownHostException e) {
            return Optional.of("cannot resolve host " + host);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
                && a.getHost() != null && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** scheme://host:port of a redirect target: never its path or query, which may carry tokens. */
    private static String origin(URI u) {
        return String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT) + "://" + u.getHost() + ":" + port(u);
    }

    static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= AttemptOutcome.MAX_EXCERPT ? text : text.substring(0, AttemptOutcome.MAX_EXCERPT);
    }

    /** The start of one attempt: outcomes measure their latency from it. */
    private record Attempt(Instant at, long startedNanos) {
        AttemptOutcome delivered(int status, String excerpt) {
            return AttemptOutcome.delivered(status, millis(), excerpt, at);
        }

        AttemptOutcome failed(Integer status, String error, String excerpt) {
            return AttemptOutcome.failed(status, millis(), error, excerpt, at);
        }

        private long millis() {
            return (System.nanoTime() - startedNanos) / 1_000_000;
        }
    }
}
