package io.arca.api.events;

import io.restassured.RestAssured;
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
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client written for the tests from the format (WHATWG HTML, "Server-sent events"): reads the
 * stream line by line on its own thread; an empty line ends an event, a line starting with ':' is a comment.
 * {@link #open} returns once the server's first comment ({@code :connected}) arrived: from then on the client is
 * subscribed and sees every event committed later.
 */
final class SseClient implements AutoCloseable {
    /** HTTP/1.1 as curl and most EventSource connections speak it (the JDK's default would upgrade to h2c). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What the stream yielded: an event, a comment, or its end. */
    sealed interface Item permits Event, Comment, End {
    }

    record Event(String id, String type, String data) implements Item {
    }

    record Comment(String text) implements Item {
    }

    record End() implements Item {
    }

    private final InputStream body;
    private final BufferedReader in;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();

    private SseClient(InputStream body) {
        this.body = body;
        this.in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** Connects to {@code pathAndQuery}, waits for the stream's first comment and reads on in the background. */
    static SseClient open(String pathAndQuery, String key, Map<String, String> headers) throws Exception {
        SseClient client = openPaused(pathAndQuery, key, headers);
        client.startReading();
        return client;
    }

    /**
     * Like {@link #open}, but reads nothing after the first comment until {@link #startReading}: a client that
     * stalls, whose unread data fills the TCP buffers.
     */
    static SseClient openPaused(String pathAndQuery, String key, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + pathAndQuery))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String problem = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            throw new AssertionError("stream refused: " + response.statusCode() + " " + problem);
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            throw new AssertionError("not an event stream: " + response.headers().map());
        }
        SseClient client = new SseClient(response.body());
        String first = client.in.readLine();
        if (!":connected".equals(first) || !"".equals(client.in.readLine())) {
            throw new AssertionError("the stream did not start with :connected but with " + first);
        }
        return client;
    }

    void startReading() {
        Thread.ofVirtual().start(this::read);
    }

    static SseClient open(String pathAndQuery, String key) throws Exception {
        return open(pathAndQuery, key, Map.of());
    }

    /** The next item, whatever it is; fails after {@code wait}. */
    Item next(Duration wait) throws InterruptedException {
        Item item = items.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new AssertionError("nothing arrived on the stream within " + wait);
        }
        return item;
    }

    /** The next event, skipping comments; fails at the end of the stream or after {@code wait}. */
    Event nextEvent(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Item item = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (item instanceof Event e) {
                return e;
            }
            if (item instanceof End) {
                throw new AssertionError("the stream ended while an event was expected");
            }
        }
    }

    /** The next event if one arrives within {@code wait} (comments skipped), else null; fails at the stream's end. */
    Event pollEvent(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Item item = items.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item == null || item instanceof Event) {
                return (Event) item;
            }
            if (item instanceof End) {
                throw new AssertionError("the stream ended while an event was expected");
            }
        }
    }

    /** {@code n} events in arrival order. */
    List<Event> events(int n, Duration wait) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (events.size() < n) {
            events.add(nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
        }
        return events;
    }

    /** Every event until the server ends the stream. */
    List<Event> eventsUntilEnd(Duration wait) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Item item = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (item instanceof End) {
                return events;
            }
            if (item instanceof Event e) {
                events.add(e);
            }
        }
    }

    /** Events already received, without waiting (comments dropped). */
    List<Event> drainEvents() {
        List<Item> drained = new ArrayList<>();
        items.drainTo(drained);
        return drained.stream().filter(Event.class::isInstance).map(Event.class::cast).toList();
    }

    private void read() {
        try (in) {
            String id = null;
            String type = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null || type != null) {
                        items.add(new Event(id, type == null ? "message" : type, data == null ? "" : data.toString()));
                    }
                    id = null;
                    type = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    items.add(new Comment(line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> type = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the connection ended: the same as the server ending the stream, for the tests
        } finally {
            items.add(new End());
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
