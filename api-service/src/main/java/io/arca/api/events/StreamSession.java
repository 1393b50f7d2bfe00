package io.arca.api.events;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One client of the event stream, written to by the request's own virtual thread.
 *
 * <p>No gap, no duplicate on resume: the session registers with the tail first (events after the tail's position
 * buffer in its queue from that moment), replays the log from {@code Last-Event-ID} up to that position, then drains
 * the queue, skipping anything at or below the last seq it sent. The queue is bounded: a client too slow for it is
 * disconnected and resumes with {@code Last-Event-ID}.
 */
final class StreamSession implements TailListener {
    private static final Logger LOG = Logger.getLogger(StreamSession.class);
    /** A write the client does not take within this is a stalled client: it is disconnected. */
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    private final StreamFilter filter;
    private final SseEventSink sink;
    private final Sse sse;
    private final EventTail tail;
    private final EventReplay replay;
    private final Duration retention;
    private final long heartbeatMillis;
    private final int bufferSize;
    private final BlockingQueue<TailEvent> queue;
    private volatile boolean overflowed;
    /** The request's thread that writes the stream: interrupted when the service stops. */
    private volatile Thread writer;

    StreamSession(StreamFilter filter, SseEventSink sink, Sse sse, EventTail tail, EventReplay replay,
                  EventsConfig config, Duration retention) {
        this.filter = filter;
        this.sink = sink;
        this.sse = sse;
        this.tail = tail;
        this.replay = replay;
        this.retention = retention;
        this.heartbeatMillis = config.heartbeatSeconds() * 1000L;
        this.bufferSize = config.clientBufferEvents();
        this.queue = new ArrayBlockingQueue<>(bufferSize);
    }

    @Override
    public boolean wants(TailEvent event) {
        return !overflowed && filter.matches(event);
    }

    @Override
    public void accept(TailEvent event) {
        if (!queue.offer(event)) {
            overflowed = true;
        }
    }

    @Override
    public void tailStopped() {
        Thread writer = this.writer;
        if (writer != null) {
            writer.interrupt();
        }
    }

    /**
     * Streams until the client goes away, overflows its buffer, or the service stops.
     *
     * @param lastEventId the seq the client saw last; null: from now on
     * @return why the stream ended, for the log
     */
    String run(Long lastEventId) throws InterruptedException, SQLException, ClientGoneException {
        writer = Thread.currentThread();
        long start = tail.register(this);
        try {
            // the first bytes: the response's headers go out, and a client that reads this is subscribed
            send(sse.newEventBuilder().comment("connected").build());
            long sent = lastEventId == null ? start : new Resume(this, replay, retention).run(lastEventId, start);
            long lastWrite = System.nanoTime();
            while (tail.running() && !sink.isClosed()) {
                if (overflowed) {
                    LOG.infof("event stream of tenant %s disconnected: its buffer of %d events overflowed (a slow "
                            + "reader); it resumes with Last-Event-ID", filter.tenantId(), bufferSize);
                    return "its buffer overflowed";
                }
                long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastWrite);
                // an idle session sleeps until its next heartbeat: a client that went away is noticed then (or at the
                // next event), and 200 idle clients cost 200 wake-ups per heartbeat, not per second
                TailEvent e = queue.poll(Math.max(1, heartbeatMillis - idle), TimeUnit.MILLISECONDS);
                if (e != null && e.seq() > sent) {
                    sendEvent(e);
                    sent = e.seq();
                    lastWrite = System.nanoTime();
                } else if (e == null && idle >= heartbeatMillis) {
                    send(sse.newEventBuilder().comment("heartbeat").build());
                    lastWrite = System.nanoTime();
                }
            }
            return tail.running() ? "the client closed it" : "the service stops";
        } finally {
            tail.unregister(this);
            sink.close();
        }
    }

    boolean overflowed() {
        return overflowed;
    }

    void sendAll(List<TailEvent> events) throws ClientGoneException, InterruptedException {
        for (TailEvent e : events) {
            if (filter.matches(e)) {
                sendEvent(e);
            }
        }
    }

    StreamFilter filter() {
        return filter;
    }

    void sendReset(long id, String data) throws ClientGoneException, InterruptedException {
        send(sse.newEventBuilder().id(Long.toString(id)).name("reset").data(data).build());
    }

    private void sendEvent(TailEvent e) throws ClientGoneException, InterruptedException {
        send(sse.newEventBuilder().id(Long.toString(e.seq())).name(e.type()).data(e.body()).build());
    }

    private void send(OutboundSseEvent event) throws ClientGoneException, InterruptedException {
        try {
            sink.send(event).toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IllegalStateException | ExecutionException e) {
            throw new ClientGoneException("the connection is closed");
        } catch (TimeoutException e) {
            throw new ClientGoneException("it took no data for " + WRITE_TIMEOUT_SECONDS + " s");
        }
    }

    /** The client cannot be written to any more: the stream ends quietly (this is how every stream ends). */
    static final class ClientGoneException extends Exception {
        ClientGoneException(String message) {
            super(message, null, false, false);
        }
    }
}
