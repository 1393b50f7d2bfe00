package io.arca.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of {@code GET /api/v1/events} as a front end's EventSource would be: it reads the stream on a thread of its
 * own, parses {@code id:}/{@code event:}/{@code data:} fields (comments ignored), and can resume with
 * {@code Last-Event-ID}.
 */
final class SseClient implements AutoCloseable {
    /** One event of the stream. */
    record Event(long id, String type, String data) {
    }

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicLong count = new AtomicLong();
    private final InputStream body;
    private final Thread reader;

    private SseClient(InputStream body) {
        this.body = body;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Opens the stream at {@code baseUrl + pathAndQuery}; {@code lastEventId} null for a first connection. */
    static SseClient open(String baseUrl, String key, String pathAndQuery, Long lastEventId)
            throws IOException, InterruptedException {
        // HTTP/1.1 as a browser's EventSource and curl speak it (the JDK client would otherwise try an h2c upgrade)
        return open(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), baseUrl, key,
                pathAndQuery, lastEventId);
    }

    /** Like {@link #open(String, String, String, Long)} on a shared client (many streams, one client). */
    static SseClient open(HttpClient http, String baseUrl, String key, String pathAndQuery, Long lastEventId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", String.valueOf(lastEventId));
        }
        HttpResponse<InputStream> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String problem = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new IllegalStateException("GET " + pathAndQuery + " -> " + response.statusCode() + " " + problem);
        }
        return new SseClient(response.body());
    }

    /** The next event, or null after {@code timeout}. */
    Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many events arrived in all (taken or not). */
    long countSoFar() {
        return count.get();
    }

    /** Every event received so far and not yet taken. */
    List<Event> drain() {
        List<Event> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String type = "message";
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (id != null || !data.isEmpty()) {
                        events.add(new Event(id == null ? -1 : Long.parseLong(id), type, data.toString()));
                        count.incrementAndGet();
                    }
                    id = null;
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
        reader.interrupt();
    }
}
