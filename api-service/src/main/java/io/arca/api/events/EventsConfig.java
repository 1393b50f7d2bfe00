package io.arca.api.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The live event stream and long polls, under {@code arca.events.stream.}. */
@ConfigMapping(prefix = "arca.events.stream")
public interface EventsConfig {

    /**
     * Seconds of silence after which an event stream gets a comment line ({@code :heartbeat}), so proxies keep the
     * connection open and a client notices a dead one.
     */
    @WithDefault("15")
    int heartbeatSeconds();

    /**
     * Events buffered for one stream client that reads slower than events arrive; one more disconnects it (it resumes
     * with {@code Last-Event-ID}), so a stalled client never holds more than this in the API's heap.
     */
    @WithDefault("1000")
    int clientBufferEvents();

    /**
     * Milliseconds the event tail waits for a NOTIFY on {@code arca_events} before it reads the log anyway: the bound
     * on how late an event is when a notification is lost (e.g. while the tail reconnects).
     */
    @WithDefault("1000")
    int tailPollMillis();

    /** Events the tail reads per query; it reads again at once while a batch comes back full. */
    @WithDefault("500")
    int tailBatchSize();
}
