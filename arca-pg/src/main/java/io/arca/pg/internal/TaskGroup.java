package io.arca.pg.internal;

import io.arca.pg.PgEngineException;
import io.arca.pg.PgEngineException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Parallel tasks that fail together: the first failure is kept, every registered cancel hook runs (cancel the
 * running queries, kill the child processes) so the others stop promptly, and {@link #awaitAll()} throws it.
 */
public final class TaskGroup implements AutoCloseable {

    /** A task body; any exception fails the group. */
    public interface Task {
        void run() throws Exception;
    }

    /** Cancelled queries and killed processes end within milliseconds; this only bounds a pathological case. */
    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    private final ExecutorService pool;
    private final Reason fallback;
    private final List<Future<?>> futures = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Set<Runnable> cancelHooks = ConcurrentHashMap.newKeySet();

    public TaskGroup(String name, int threads, Reason fallback) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads,
                r -> Thread.ofPlatform().daemon().name(name + "-" + n.incrementAndGet()).unstarted(r));
        this.fallback = fallback;
    }

    public void submit(Task task) {
        futures.add(pool.submit(() -> {
            try {
                if (!failed()) {
                    task.run();
                }
            } catch (Throwable t) {
                fail(t);
            }
        }));
    }

    /** Unregisters a cancel hook. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Registers a hook run on failure; returns a handle that unregisters it. */
    public Registration onCancel(Runnable hook) {
        cancelHooks.add(hook);
        if (failed()) {
            hook.run();
        }
        return () -> cancelHooks.remove(hook);
    }

    public boolean failed() {
        return failure.get() != null;
    }

    public void fail(Throwable t) {
        if (failure.compareAndSet(null, t)) {
            for (Runnable hook : List.copyOf(cancelHooks)) {
                try {
                    hook.run();
                } catch (RuntimeException ignored) {
                    // best effort: the failure being reported is the first one
                }
            }
        }
    }

    /** Waits for every task; throws the first failure as a {@link PgEngineException}. */
    public void awaitAll() {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                fail(new PgEngineException(Reason.CANCELLED, "interrupted; stopping all sessions", e));
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                fail(e.getCause());
            }
        }
        Throwable t = failure.get();
        if (t != null) {
            throw asEngineException(t, fallback);
        }
    }

    public static PgEngineException asEngineException(Throwable t, Reason fallback) {
        if (t instanceof PgEngineException pe) {
            return pe;
        }
        if (t instanceof OutOfMemoryError) {
            return new PgEngineException(Reason.OUT_OF_MEMORY, "out of memory in the engine: " + t.getMessage(), t);
        }
        return new PgEngineException(fallback, String.valueOf(t.getMessage()), t);
    }

    /**
     * Stops whatever still runs (the caller is leaving early, e.g. on its own failure) and waits a bounded time
     * for the tasks to end, so no session of the operation outlives the call.
     */
    @Override
    public void close() {
        if (futures.stream().anyMatch(f -> !f.isDone())) {
            fail(new PgEngineException(Reason.CANCELLED, "stopped because the operation failed"));
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
