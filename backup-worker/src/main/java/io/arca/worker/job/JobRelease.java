package io.arca.worker.job;

import io.arca.common.job.JobKind;
import io.arca.jobs.ClaimedJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Gives a job back that this worker stopped because it shuts down ({@link JobContext#stopForRelease}): one catalog
 * transaction puts it back to {@code queued} (lease cleared, attempt not spent) and publishes its job message again
 * through the outbox, so another worker claims it at once instead of after the lease would have expired. Counted in
 * {@code arca_jobs_released_total{kind}}.
 */
@ApplicationScoped
public class JobRelease {
    /** The executor's outcome of a released job (metrics' {@code outcome} label). */
    public static final String OUTCOME = "released";
    private static final Logger LOG = Logger.getLogger(JobRelease.class);

    private final JobStore store;
    private final MeterRegistry metrics;

    public JobRelease(JobStore store, MeterRegistry metrics) {
        this.store = store;
        this.metrics = metrics;
        // every kind exists from the start at 0, so increase() in a query or alert sees the first release
        for (JobKind kind : JobKind.values()) {
            released(kind);
        }
    }

    private Counter released(JobKind kind) {
        return Counter.builder("arca.jobs.released")
                .description("jobs this worker released at shutdown (back to queued for another worker)")
                .tag("kind", kind.wireName()).register(metrics);
    }

    /** Releases the job; returns the executor's outcome ({@value #OUTCOME}, or {@code lease-lost}). */
    String release(ClaimedJob job, String detail) {
        Thread.interrupted(); // the stop interrupted the job thread; the release must still reach the catalog
        try {
            if (!store.release(job, detail)) {
                LOG.warnf("%s: lease lost before it could be released (orphan recovery re-queues it)", job.describe());
                return "lease-lost";
            }
        } catch (Exception e) {
            // the lease then simply expires and orphan recovery re-queues the job (attempt + 1)
            LOG.errorf(e, "%s: release failed; the job is re-queued when its lease expires", job.describe());
            return "lease-lost";
        }
        released(job.table().kind()).increment();
        LOG.infof("%s released: back to queued with its attempt, job message published again (%s)", job.describe(),
                detail);
        return OUTCOME;
    }
}
