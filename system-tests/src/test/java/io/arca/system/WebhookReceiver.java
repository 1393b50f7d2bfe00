package io.arca.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback, as a user would write one: it records every request and checks its signature with
 * the Standard Webhooks algorithm written here from the specification (not Arca's signer): HMAC-SHA256 keyed with the
 * base64 after {@code whsec_}, over {@code <webhook-id>.<webhook-timestamp>.<body>}, compared with each
 * space-separated {@code v1,<base64>} of {@code webhook-signature}.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    record Received(String webhookId, String timestamp, String signature, String body, long receivedAtMillis) {
    }

    private final HttpServer server;
    private final Duration responseDelay;
    private final List<Received> received = new ArrayList<>();
    private volatile CountDownLatch hold;
    private volatile CountDownLatch held;
    /** The latch of the request held last: handle() clears {@code hold} when it takes it, release() still finds it. */
    private volatile CountDownLatch holding;

    WebhookReceiver() throws IOException {
        this(Duration.ZERO);
    }

    /** A receiver that takes {@code responseDelay} before each answer (a slow endpoint). */
    WebhookReceiver(Duration responseDelay) throws IOException {
        this.responseDelay = responseDelay;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next request is held (no response) until {@link #release()}; {@link #awaitHeld} says when it arrived. */
    void holdNext() {
        held = new CountDownLatch(1);
        hold = new CountDownLatch(1);
        holding = hold;
    }

    boolean awaitHeld(Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void release() {
        holding.countDown();
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until some received request passes {@code condition}. */
    List<Received> await(Predicate<List<Received>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Received> now = received();
        while (!condition.test(now) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = received();
        }
        return now;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Received r = new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"),
                new String(body, StandardCharsets.UTF_8), System.currentTimeMillis());
        synchronized (this) {
            received.add(r);
        }
        if (!responseDelay.isZero()) {
            try {
                Thread.sleep(responseDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        CountDownLatch h = hold;
        if (h != null) {
            hold = null;
            held.countDown();
            try {
                h.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, 2);
            out.write("ok".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // the sender is gone (killed while we held its request): nothing to answer
        }
    }

    /** The specification's check: does any v1 signature match the secret over id.timestamp.body? */
    static boolean verifies(String secret, Received r) throws Exception {
        return verifies(secret, r.webhookId(), r.timestamp(), r.body(), r.signature());
    }

    static boolean verifies(String secret, String id, String timestamp, String body, String signatureHeader)
            throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String candidate : signatureHeader.split(" ")) {
            if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                    Base64.getDecoder().decode(candidate.substring(3)))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        CountDownLatch h = hold;
        if (h != null) {
            h.countDown();
        }
        server.stop(0);
    }
}
