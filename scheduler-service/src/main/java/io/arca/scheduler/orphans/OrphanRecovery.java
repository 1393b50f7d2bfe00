package io.arca.scheduler.orphans;

import io.agroal.api.AgroalDataSource;
import io.arca.common.job.JobState;
import io.arca.common.messages.JobEvent;
import io.arca.common.messages.JobMessage;
import io.arca.common.messages.MessageStreams;
import io.arca.scheduler.config.JobsConfig;
import io.arca.scheduler.config.SchedulerConfig;
import io.arca.scheduler.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Orphan recovery, one transaction per batch. Rows are claimed {@code FOR UPDATE SKIP LOCKED}, so several
 * scheduler replicas sweeping at once each handle different rows and no job is re-queued twice; a handled row
 * leaves {@code running} (or has its {@code next_attempt_at} cleared), so a later sweep does not see it again.
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

    private final AgroalDataSource db;
    private final Outbox outbox;
    private final SchedulerConfig config;
    private final JobsConfig jobs;

    public OrphanRecovery(AgroalDataSource db, Outbox outbox, SchedulerConfig config, JobsConfig jobs) {
        this.db = db;
        this.outbox = outbox;
        this.config = config;
        this.jobs = jobs;
    }

    private record Orphan(UUID id, UUID tenantId, UUID sourceId, int attempt, String workerId) {
    }

    /** @return how many expired jobs this batch handled (re-queued or failed) */
    @Transactional
    public int requeueExpired(JobTable t) throws SQLException {
        try (Connection c = db.getConnection()) {
            List<Orphan> orphans = lock(c, "select id, tenant_id, " + t.sourceColumn() + ", attempt, worker_id from "
                    + t.table() + " where state = 'running' and lease_expires_at < now() "
                    + "order by lease_expires_at limit ? for update skip locked");
            for (Orphan o : orphans) {
                if (o.attempt() < jobs.maxAttempts()) {
                    requeue(c, t, o);
                } else {
                    fail(c, t, o);
                }
            }
            return orphans.size();
        }
    }

    /** @return how many re-queued jobs this batch published */
    @Transactional
    public int publishDue(JobTable t) throws SQLException {
        try (Connection c = db.getConnection()) {
            List<Orphan> due = lock(c, "select id, tenant_id, " + t.sourceColumn() + ", attempt, worker_id from "
                    + t.table() + " where state = 'queued' and next_attempt_at <= now() "
                    + "order by next_attempt_at limit ? for update skip locked");
            for (Orphan o : due) {
                JobMessage message = new JobMessage(JobMessage.CURRENT_VERSION, UUID.randomUUID(), o.id(),
                        t.kind().wireName(), o.tenantId(), o.sourceId(), o.attempt(), Instant.now());
                outbox.insert(c, MessageStreams.JOBS, o.sourceId().toString(), message, o.tenantId());
                update(c, "update " + t.table() + " set next_attempt_at = null, updated_at = now() "
                        + "where id = ? and state = 'queued'", o.id());
                LOG.infof("published %s %s attempt %d", t.kind().wireName(), o.id(), o.attempt());
            }
            return due.size();
        }
    }

    private void requeue(Connection c, JobTable t, Orphan o) throws SQLException {
        JobState.RUNNING.checkTransition(JobState.QUEUED);
        long backoff = backoffSeconds(o.attempt());
        try (PreparedStatement ps = c.prepareStatement("update " + t.table() + " set state = 'queued', "
                + "attempt = attempt + 1, worker_id = null, lease_expires_at = null, phase = 'queued', "
                + "next_attempt_at = now() + make_interval(secs => ?), updated_at = now(), version = version + 1 "
                + "where id = ? and state = 'running'")) {
            ps.setLong(1, backoff);
            ps.setObject(2, o.id());
            ps.executeUpdate();
        }
        String note = "lease of worker " + o.workerId() + " expired during attempt " + o.attempt();
        event(c, t, o, "requeued", JobState.QUEUED, Map.of("attempt", o.attempt() + 1, "reason", note,
                "backoffSeconds", backoff));
        LOG.warnf("%s %s: %s; re-queued as attempt %d in %d s", t.kind().wireName(), o.id(), note,
                o.attempt() + 1, backoff);
    }

    private void fail(Connection c, JobTable t, Orphan o) throws SQLException {
        JobState.RUNNING.checkTransition(JobState.FAILED);
        String error = "lease-expired: lease expired " + o.attempt() + " times; last worker " + o.workerId();
        try (PreparedStatement ps = c.prepareStatement("update " + t.table() + " set state = 'failed', error = ?, "
                + "phase = 'failed', lease_expires_at = null, finished_at = now(), updated_at = now(), "
                + "version = version + 1 where id = ? and state = 'running'")) {
            ps.setString(1, error);
            ps.setObject(2, o.id());
            ps.executeUpdate();
        }
        event(c, t, o, "failed", JobState.FAILED, Map.of("attempt", o.attempt(), "error", error));
        LOG.warnf("%s %s failed: %s", t.kind().wireName(), o.id(), error);
    }

    /** {@code retry-backoff-seconds * 2^(attempt-1)}, capped at {@code retry-backoff-max-seconds}. */
    long backoffSeconds(int failedAttempt) {
        long base = jobs.retryBackoffSeconds();
        long backoff = base << Math.min(20, Math.max(0, failedAttempt - 1));
        return Math.min(backoff, jobs.retryBackoffMaxSeconds());
    }

    private void event(Connection c, JobTable t, Orphan o, String what, JobState state, Map<String, Object> data)
            throws SQLException {
        JobEvent event = new JobEvent(JobEvent.CURRENT_VERSION, UUID.randomUUID(), t.eventType(what), o.id(),
                t.kind().wireName(), o.tenantId(), state.wireName(), Instant.now(), data);
        outbox.insert(c, MessageStreams.EVENTS, o.id().toString(), event, o.tenantId());
    }

    private List<Orphan> lock(Connection c, String sql) throws SQLException {
        List<Orphan> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, config.sweepBatchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Orphan(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getInt(4), rs.getString(5)));
                }
            }
        }
        return rows;
    }

    private static void update(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
    }
}
