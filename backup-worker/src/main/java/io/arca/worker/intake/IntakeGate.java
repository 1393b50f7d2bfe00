package io.arca.worker.intake;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this worker still takes jobs. Closed once, when the worker starts shutting down: from then on the consumer
 * claims nothing (a record it still receives is left uncommitted for the partition's next owner, see
 * {@link ShuttingDownException}).
 */
@ApplicationScoped
public class IntakeGate {
    private volatile boolean closed;

    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }
}
