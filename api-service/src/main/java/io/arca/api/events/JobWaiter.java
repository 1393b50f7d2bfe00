package io.arca.api.events;

import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A long poll's wake-up: released by every event of one job. Registered before the poll reads the row, so an event
 * that lands between the read and the wait is a permit already there (no lost wake-up).
 */
final class JobWaiter implements TailListener, AutoCloseable {
    private final UUID jobId;
    private final EventTail tail;
    private final Semaphore events = new Semaphore(0);

    JobWaiter(UUID jobId, EventTail tail) {
        this.jobId = jobId;
        this.tail = tail;
        tail.register(this);
    }

    @Override
    public boolean wants(TailEvent event) {
        return jobId.equals(event.jobId());
    }

    @Override
    public void accept(TailEvent event) {
        events.release();
    }

    @Override
    public void tailStopped() {
        events.release();
    }

    /** Waits for an event of the job since the last wake-up, at most {@code nanos}; all of them count as one. */
    void await(long nanos) throws InterruptedException {
        if (events.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
            events.drainPermits();
        }
    }

    @Override
    public void close() {
        tail.unregister(this);
    }
}
