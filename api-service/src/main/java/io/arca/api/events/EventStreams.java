package io.arca.api.events;

import io.arca.events.cdi.NotificationsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/** Runs stream clients and counts them ({@code arca_events_stream_clients}). */
@ApplicationScoped
public class EventStreams {
    private static final Logger LOG = Logger.getLogger(EventStreams.class);

    private final AtomicInteger clients = new AtomicInteger();

    @Inject
    EventTail tail;
    @Inject
    EventReplay replay;
    @Inject
    EventsConfig config;
    @Inject
    NotificationsConfig notifications;

    @Inject
    EventStreams(MeterRegistry registry) {
        registry.gauge("arca.events.stream.clients", clients);
    }

    /** Stream clients connected to this replica now. */
    public int clients() {
        return clients.get();
    }

    /** Streams to {@code sink} on the calling (virtual) thread until the client goes away; never throws to it. */
    void follow(SseEventSink sink, Sse sse, StreamFilter filter, Long lastEventId) {
        clients.incrementAndGet();
        String ended;
        try {
            ended = new StreamSession(filter, sink, sse, tail, replay, config,
                    notifications.eventRetention()).run(lastEventId);
        } catch (StreamSession.ClientGoneException e) {
            ended = e.getMessage();
        } catch (SQLException e) {
            // the headers are out: the only answer left is to end the stream; the client resumes with Last-Event-ID
            ended = "the event log could not be read (" + e.getMessage() + ")";
            LOG.warnf("event stream of tenant %s ended: %s", filter.tenantId(), ended);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = "interrupted";
        } finally {
            clients.decrementAndGet();
            sink.close();
        }
        LOG.debugf("event stream of tenant %s ended: %s", filter.tenantId(), ended);
    }
}
