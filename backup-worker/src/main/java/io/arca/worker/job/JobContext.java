package io.arca.worker.job;

import io.arca.jobs.ClaimedJob;
import io.arca.jobs.progress.ProgressSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * What a running job sees: its claim, a place to publish progress, and cancellation. Cancellation (lease lost, or
 * the worker shutting down: {@link #stopForRelease}) runs the registered hooks (close streams, cancel the dump) and
 * interrupts the job thread.
 */
public final class JobContext {
    private static final Logger LOG = Logger.getLogger(JobContext.class);

    private final ClaimedJob job;
    private final Thread thread;
    private final AtomicReference<String> cancelReason = new AtomicReference<>();
    private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    /** Set when the job is stopped because the worker shuts down: its lease is still held, so it is released. */
    private volatile boolean releasing;
    private volatile ProgressSource progress;

    public JobContext(ClaimedJob job, Thread thread) {
        this.job = job;
        this.thread = thread;
    }

    public ClaimedJob job() {
        return job;
    }

    public void reportProgressFrom(ProgressSource source) {
        this.progress = source;
    }

    ProgressSource progress() {
        return progress;
    }

    /** Registers something to run when the job is cancelled (runs at once when it already is). */
    public void onCancel(Runnable hook) {
        cancelHooks.add(hook);
        if (isCancelled()) {
            hook.run();
        }
    }

    public boolean isCancelled() {
        return cancelReason.get() != null;
    }

    public String cancelReason() {
        return cancelReason.get();
    }

    public void throwIfCancelled() {
        String reason = cancelReason.get();
        if (reason != null) {
            throw new LeaseLostException(reason);
        }
    }

    /**
     * Stops the job because this worker shuts down: unlike a lost lease, the lease is still held, so the executor
     * gives the job back ({@code JobStore.release}) instead of walking away from it.
     */
    void stopForRelease(String reason) {
        releasing = true;
        cancel(reason);
    }

    /** True when the job was stopped by {@link #stopForRelease} (its lease is still this worker's). */
    boolean isReleasing() {
        return releasing;
    }

    void cancel(String reason) {
        if (!cancelReason.compareAndSet(null, reason)) {
            return;
        }
        LOG.warnf("cancelling %s: %s", job.describe(), reason);
        for (Runnable hook : cancelHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                LOG.debugf(e, "cancel hook of %s failed", job.describe());
            }
        }
        thread.interrupt();
    }
}
