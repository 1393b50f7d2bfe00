package io.arca.worker.job;

import io.arca.common.job.JobKind;
import io.arca.jobs.ClaimedJob;
import io.arca.worker.config.WorkerConfig;
import io.arca.worker.metrics.JobMetrics;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Runs claimed jobs, at most {@code arca.worker.concurrency} at a time. The consumer takes a slot
 * ({@link #awaitSlot}) before it claims, so a worker never claims a job it cannot start; the slot is released when
 * the job ends. Completion and failure are written here, guarded by the lease, from what the handler returns or
 * throws.
 */
@ApplicationScoped
public class JobExecutor {
    private static final Logger LOG = Logger.getLogger(JobExecutor.class);

    private final Semaphore slots;
    private final Map<JobKind, JobHandler> handlers = new EnumMap<>(JobKind.class);
    private final JobStore store;
    private final LeaseKeeper leases;
    private final JobMetrics metrics;
    private final RunningJobs running;
    private final JobRelease release;

    public JobExecutor(WorkerConfig config, Instance<JobHandler> handlers, JobStore store, LeaseKeeper leases,
            JobMetrics metrics, RunningJobs running, JobRelease release) {
        this.slots = new Semaphore(Math.max(1, config.concurrency()));
        handlers.forEach(h -> this.handlers.put(h.kind(), h));
        this.store = store;
        this.leases = leases;
        this.metrics = metrics;
        this.running = running;
        this.release = release;
    }

    public boolean supports(JobKind kind) {
        return handlers.containsKey(kind);
    }

    /** Blocks until a job slot is free. */
    public void awaitSlot() throws InterruptedException {
        slots.acquire();
    }

    public void releaseSlot() {
        slots.release();
    }

    /** Starts the claimed job on its own thread; the slot taken by {@link #awaitSlot} is released when it ends. */
    public void start(ClaimedJob job) {
        Thread thread = new Thread(() -> runGuarded(job), "job-" + job.table().kind().wireName() + "-" + job.id());
        thread.start();
    }

    private void runGuarded(ClaimedJob job) {
        JobLogContext logContext = JobLogContext.enter(job);
        Timer.Sample sample = metrics.started(job.table().kind());
        JobContext context = new JobContext(job, Thread.currentThread());
        running.add(context);
        String outcome = "failed";
        try (AutoCloseable ignored = leases.keep(context)) {
            LOG.infof("running %s", job.describe());
            outcome = run(job, context);
        } catch (Exception e) {
            LOG.errorf(e, "%s: unexpected error around the job", job.describe());
        } finally {
            metrics.finished(job.table().kind(), outcome, sample);
            running.remove(context);
            slots.release();
            Thread.interrupted();
            logContext.close();
        }
    }

    private String run(ClaimedJob job, JobContext context) throws Exception {
        JobOutcome outcome;
        try {
            outcome = handlers.get(job.table().kind()).run(context);
            if (!context.isReleasing()) { // stopped for shutdown but done anyway: the lease is held, complete it
                context.throwIfCancelled();
            }
        } catch (JobDeferral deferral) {
            return defer(job, context, deferral);
        } catch (Throwable e) {
            if (context.isReleasing()) {
                LOG.infof("%s stopped because the worker shuts down: %s", job.describe(), context.cancelReason());
                return release.release(job, context.cancelReason());
            }
            if (context.isCancelled()) {
                LOG.warnf("%s stopped without writing: %s", job.describe(), context.cancelReason());
                return "lease-lost";
            }
            String error = errorText(e);
            LOG.warnf(e, "%s failed: %s", job.describe(), error);
            Thread.interrupted();
            if (!store.fail(job, error, null)) {
                LOG.warnf("%s: lease lost before the failure could be written", job.describe());
                return "lease-lost";
            }
            return "failed";
        }
        Thread.interrupted();
        boolean completed;
        try {
            completed = store.complete(job, outcome);
        } catch (Exception e) {
            LOG.errorf(e, "%s: recording the result failed", job.describe());
            store.fail(job, "internal-error: the result could not be recorded: " + e.getMessage(), null);
            return "failed";
        }
        if (!completed) {
            LOG.warnf("%s finished but its lease was lost: result not written", job.describe());
            return "lease-lost";
        }
        LOG.infof("%s completed", job.describe());
        outcome.afterCompletion().run();
        return "completed";
    }

    private String defer(ClaimedJob job, JobContext context, JobDeferral deferral) throws SQLException {
        Thread.interrupted();
        if ((context.isCancelled() && !context.isReleasing()) || !store.defer(job, deferral)) {
            LOG.warnf("%s: lease lost before it could be deferred", job.describe());
            return "lease-lost";
        }
        LOG.infof("%s deferred for %d s: %s", job.describe(), deferral.delaySeconds(), deferral.getMessage());
        return "deferred";
    }

    static String errorText(Throwable e) {
        if (e instanceof JobFailure f) {
            return f.errorText();
        }
        if (e instanceof OutOfMemoryError) {
            return "memory-limit: the worker ran out of memory (" + e.getMessage() + ")";
        }
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return "internal-error: " + e.getClass().getSimpleName() + message;
    }
}
