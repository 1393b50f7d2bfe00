package io.arca.worker.job;

import io.agroal.api.AgroalDataSource;
import io.arca.common.job.JobState;
import io.arca.common.messages.JobEvent;
import io.arca.worker.config.JobsConfig;
import io.arca.worker.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The worker's writes to job rows. Every state change checks {@link JobState#checkTransition} (the one place that
 * says what is allowed), is guarded in SQL by the state it expects, and writes its event to the outbox in the
 * same transaction. After the claim, every write is guarded by worker id + attempt + {@code running}: when it
 * matches no row the lease was lost and the caller must stop without writing anything else.
 */
@ApplicationScoped
public class JobStore {
    private final AgroalDataSource db;
    private final Outbox outbox;
    private final JobsConfig config;

    public JobStore(AgroalDataSource db, Outbox outbox, JobsConfig config) {
        this.db = db;
        this.outbox = outbox;
        this.config = config;
    }

    /** Moves {@code pending|queued -> running} for this worker, with a fresh lease, and writes the started event. */
    @Transactional
    public ClaimResult claim(JobTable t, UUID jobId, UUID messageTenant, String workerId) throws SQLException {
        try (Connection c = db.getConnection()) {
            JobState state;
            UUID tenant;
            long version;
            int attempt;
            boolean due;
            try (PreparedStatement ps = c.prepareStatement("select state, tenant_id, version, attempt, "
                    + "(next_attempt_at is null or next_attempt_at <= now()) as due from " + t.table() + " where id = ?")) {
                ps.setObject(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return ClaimResult.of(ClaimResult.Outcome.NOT_FOUND, null);
                    }
                    state = JobState.fromWireName(rs.getString(1));
                    tenant = rs.getObject(2, UUID.class);
                    version = rs.getLong(3);
                    attempt = rs.getInt(4);
                    due = rs.getBoolean(5);
                }
            }
            if (messageTenant != null && !messageTenant.equals(tenant)) {
                return ClaimResult.of(ClaimResult.Outcome.TENANT_MISMATCH, state);
            }
            // A queued row that still waits for its backoff is published again by the scheduler when due.
            if (!state.canMoveTo(JobState.RUNNING) || !due) {
                return ClaimResult.of(ClaimResult.Outcome.NOT_CLAIMABLE, state);
            }
            int updated;
            try (PreparedStatement ps = c.prepareStatement("update " + t.table() + " set state = 'running', "
                    + "worker_id = ?, lease_expires_at = now() + make_interval(secs => ?), heartbeat_at = now(), "
                    + "next_attempt_at = null, phase = 'starting', error = null, started_at = coalesce(started_at, now()), "
                    + "updated_at = now(), version = version + 1 "
                    + "where id = ? and version = ? and state in ('pending', 'queued')")) {
                ps.setString(1, workerId);
                ps.setInt(2, config.leaseSeconds());
                ps.setObject(3, jobId);
                ps.setLong(4, version);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                return ClaimResult.of(ClaimResult.Outcome.LOST_RACE, state);
            }
            ClaimedJob job = new ClaimedJob(t, jobId, tenant, attempt, workerId);
            outbox.event(c, event(job, "started", JobState.RUNNING, Map.of("attempt", attempt, "workerId", workerId)));
            return new ClaimResult(ClaimResult.Outcome.CLAIMED, job, state);
        }
    }

    /**
     * Extends the lease and writes progress counters (and a progress event when {@code eventData} is given).
     *
     * @return false when the lease is lost (another worker or the orphan sweep took the job)
     */
    @Transactional
    public boolean heartbeat(ClaimedJob job, Columns progress, Map<String, Object> eventData) throws SQLException {
        try (Connection c = db.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("update " + job.table().table() + " set "
                    + "lease_expires_at = now() + make_interval(secs => ?), heartbeat_at = now(), updated_at = now()"
                    + progress.assignments() + guard())) {
                ps.setInt(1, config.leaseSeconds());
                bindGuard(ps, progress.bind(ps, 2), job);
                updated = ps.executeUpdate();
            }
            if (updated == 1 && eventData != null) {
                outbox.event(c, event(job, "progress", JobState.RUNNING, eventData));
            }
            return updated == 1;
        }
    }

    /** {@code running -> completed} with the result columns and the completed event; false when the lease was lost. */
    @Transactional
    public boolean complete(ClaimedJob job, Columns result, Map<String, Object> eventData) throws SQLException {
        return finish(job, JobState.COMPLETED, result, eventData);
    }

    /** {@code running -> failed} with the reason and the failed event; false when the lease was lost. */
    @Transactional
    public boolean fail(ClaimedJob job, String error, Columns extra) throws SQLException {
        Columns columns = extra == null ? new Columns() : extra;
        columns.set("error", error);
        Map<String, Object> data = new HashMap<>();
        data.put("error", error);
        data.put("attempt", job.attempt());
        return finish(job, JobState.FAILED, columns, data);
    }

    private boolean finish(ClaimedJob job, JobState target, Columns columns, Map<String, Object> eventData)
            throws SQLException {
        JobState.RUNNING.checkTransition(target);
        if (!columns.has("phase")) {
            columns.set("phase", target == JobState.COMPLETED ? "done" : "failed");
        }
        try (Connection c = db.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("update " + job.table().table() + " set state = ?, "
                    + "finished_at = now(), lease_expires_at = null, updated_at = now(), version = version + 1"
                    + columns.assignments() + guard())) {
                ps.setString(1, target.wireName());
                bindGuard(ps, columns.bind(ps, 2), job);
                updated = ps.executeUpdate();
            }
            if (updated == 1) {
                outbox.event(c, event(job, target.wireName(), target, eventData));
            }
            return updated == 1;
        }
    }

    private static String guard() {
        return " where id = ? and worker_id = ? and attempt = ? and state = 'running'";
    }

    private static void bindGuard(PreparedStatement ps, int i, ClaimedJob job) throws SQLException {
        ps.setObject(i, job.id());
        ps.setString(i + 1, job.workerId());
        ps.setInt(i + 2, job.attempt());
    }

    private static JobEvent event(ClaimedJob job, String what, JobState state, Map<String, Object> data) {
        return new JobEvent(JobEvent.CURRENT_VERSION, UUID.randomUUID(), job.table().eventType(what), job.id(),
                job.table().kind().wireName(), job.tenantId(), state.wireName(), Instant.now(), data);
    }
}
