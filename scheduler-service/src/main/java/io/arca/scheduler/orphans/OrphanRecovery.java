package io.arca.scheduler.orphans;

import io.agroal.api.AgroalDataSource;
import io.arca.jobs.JobTable;
import io.arca.jobs.OrphanedJobs.Orphan;
import io.arca.jobs.OrphanedJobs;
import io.arca.jobs.cdi.JobsConfig;
import io.arca.scheduler.config.SchedulerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Orphan recovery, one transaction per batch, over the job platform's guarded SQL ({@link OrphanedJobs}: rows locked
 * {@code FOR UPDATE SKIP LOCKED}, so several scheduler replicas sweeping at once each handle different rows).
 *
 * <ol>
 *   <li>{@link #requeueExpired}: a {@code running} job whose lease expired (its worker died or hung) becomes
 *       {@code queued} with attempt + 1 and {@code next_attempt_at} = now + backoff; after the last attempt it
 *       becomes {@code failed} with the reason (and a failed event).</li>
 *   <li>{@link #publishDue}: a {@code queued} job whose backoff has passed gets a new job message in the outbox
 *       (new message id, its attempt) and {@code next_attempt_at} cleared, so it is published exactly once.</li>
 * </ol>
 */
@ApplicationScoped
public class OrphanRecovery {
    private static final Logger LOG = Logger.getLogger(OrphanRecovery.class);
    /** The {@code reason} of a re-queue after a lease ran out (a worker died or hung). */
    static final String LEASE_EXPIRED = "lease-expired";

    private final AgroalDataSource db;
    private final OrphanedJobs orphans;
    private final SchedulerConfig config;
    private final JobsConfig jobs;
    private final MeterRegistry metrics;

    public OrphanRecovery(AgroalDataSource db, OrphanedJobs orphans, SchedulerConfig config, JobsConfig jobs,
            MeterRegistry metrics) {
        this.db = db;
        this.orphans = orphans;
        this.config = config;
        this.jobs = jobs;
        this.metrics = metrics;
        for (JobTable t : JobTable.values()) {
            requeued(t, LEASE_EXPIRED);
        }
    }

    /**
     * {@code arca_jobs_requeued_total{kind,reason}}: jobs this scheduler put back in the queue. Counted inside the
     * batch's transaction: a batch that rolls back (rare) is swept again and its rows count twice.
     */
    Counter requeued(JobTable t, String reason) {
        return Counter.builder("arca.jobs.requeued").description("jobs re-queued by orphan recovery, by kind and reason")
                .tag("kind", t.kind().wireName()).tag("reason", reason).register(metrics);
    }

    /** @return how many expired jobs this batch handled (re-queued or failed) */
    @Transactional
    public int requeueExpired(JobTable t) throws SQLException {
        try (Connection c = db.getConnection()) {
            List<Orphan> expired = orphans.lockExpired(c, t, config.sweepBatchSize());
            for (Orphan o : expired) {
                if (o.attempt() < jobs.maxAttempts()) {
                    long backoff = backoffSeconds(o.attempt());
                    String note = "lease of worker " + o.workerId() + " expired during attempt " + o.attempt();
                    orphans.requeue(c, o, backoff, note);
                    requeued(t, LEASE_EXPIRED).increment();
                    LOG.warnf("%s: %s; re-queued as attempt %d in %d s", o.describe(), note, o.attempt() + 1, backoff);
                } else {
                    String error = "lease-expired: lease expired " + o.attempt() + " times; last worker " + o.workerId();
                    orphans.fail(c, o, error);
                    LOG.warnf("%s failed: %s", o.describe(), error);
                }
            }
            return expired.size();
        }
    }

    /** @return how many re-queued jobs this batch published */
    @Transactional
    public int publishDue(JobTable t) throws SQLException {
        try (Connection c = db.getConnection()) {
            List<Orphan> due = orphans.lockDue(c, t, config.sweepBatchSize());
            for (Orphan o : due) {
                orphans.publish(c, o);
                LOG.infof("published %s attempt %d", o.describe(), o.attempt());
            }
            return due.size();
        }
    }

    /** {@code retry-backoff-seconds * 2^(attempt-1)}, capped at {@code retry-backoff-max-seconds}. */
    long backoffSeconds(int failedAttempt) {
        long base = jobs.retryBackoffSeconds();
        long backoff = base << Math.min(20, Math.max(0, failedAttempt - 1));
        return Math.min(backoff, jobs.retryBackoffMaxSeconds());
    }
}
