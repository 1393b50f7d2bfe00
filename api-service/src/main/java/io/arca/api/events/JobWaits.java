package io.arca.api.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Long polls on a job ({@code GET /backups/{id}?waitFor=...}): answers as soon as the job is in one of the states, or
 * at the timeout with its state then. It wakes on the job's events from the {@link EventTail}, not on a timer: a
 * waiting poll costs no query until the job changes. Runs on the request's virtual thread.
 */
@ApplicationScoped
public class JobWaits {
    private final AtomicInteger waiting = new AtomicInteger();

    @Inject
    EventTail tail;
    @Inject
    EntityManager em;

    /** Long polls that have read their job and wait for its next event now (for diagnostics and tests). */
    public int waiting() {
        return waiting.get();
    }

    /**
     * @param read    reads the job's representation (in the caller's tenant; throws its 404)
     * @param stateOf the job state (wire name) of a representation
     */
    public <T> T await(UUID jobId, WaitFor waitFor, Supplier<T> read, Function<T, String> stateOf) {
        if (waitFor == null) {
            return read.get();
        }
        long deadline = System.nanoTime() + waitFor.timeout().toNanos();
        try (JobWaiter waiter = new JobWaiter(jobId, tail)) {
            while (true) {
                // the request's persistence context would hand back the entity as first read: read the row anew
                em.clear();
                T view = read.get();
                long left = deadline - System.nanoTime();
                if (waitFor.reached(stateOf.apply(view)) || left <= 0 || !tail.running()) {
                    return view;
                }
                waiting.incrementAndGet();
                try {
                    waiter.await(left);
                } finally {
                    waiting.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return read.get();
        }
    }
}
