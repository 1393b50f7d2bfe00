package io.arca.jobs;

import io.arca.common.job.JobState;
import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.outbox.OutboxMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Orphan recovery's writes to job rows, on the caller's connection and transaction. Rows are locked
 * {@code FOR UPDATE SKIP LOCKED}, so several sweepers at once each handle different rows; a handled row leaves
 * {@code running} (or has its {@code next_attempt_at} cleared), so a later sweep does not see it again. Every
 * guard comes from {@link JobState}.
 */
public final class OrphanedJobs {
    private final Outbox outbox;

    public OrphanedJobs(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A job row the sweep locked. */
    public record Orphan(JobTable table, UUID id, UUID tenantId, UUID sourceId, int attempt, String workerId) {
        public String describe() {
            return table.kind().wireName() + " " + id;
        }
    }

    /** Locks up to {@code limit} running jobs whose lease expired, oldest first. */
    public List<Orphan> lockExpired(Connection c, JobTable t, int limit) throws SQLException {
        return lock(c, t, "lease_expires_at < now() order by lease_expires_at", JobState.RUNNING, limit);
    }

    /** Locks up to {@code limit} queued jobs whose backoff has passed, oldest first. */
    public List<Orphan> lockDue(Connection c, JobTable t, int limit) throws SQLException {
        return lock(c, t, "next_attempt_at <= now() order by next_attempt_at", JobState.QUEUED, limit);
    }

    /** {@code running -> queued} with attempt + 1, due after {@code backoffSeconds}, and the requeued event. */
    public void requeue(Connection c, Orphan o, long backoffSeconds, String note) throws SQLException {
        JobState.RUNNING.checkTransition(JobState.QUEUED);
        try (PreparedStatement ps = c.prepareStatement("update " + o.table().table() + " set state = ?, "
                + "attempt = attempt + 1, worker_id = null, lease_expires_at = null, phase = 'queued', "
                + "next_attempt_at = now() + make_interval(secs => ?), updated_at = now(), version = version + 1 "
                + "where id = ? and state = any(?)")) {
            ps.setString(1, JobState.QUEUED.wireName());
            ps.setLong(2, backoffSeconds);
            ps.setObject(3, o.id());
            ps.setArray(4, c.createArrayOf("text", JobTable.statesBefore(JobState.QUEUED)));
            ps.executeUpdate();
        }
        event(c, o, JobFact.REQUEUED, JobState.QUEUED, Map.of("attempt", o.attempt() + 1, "reason", note,
                "backoffSeconds", backoffSeconds));
    }

    /** {@code running -> failed} after the last attempt, with the reason and the failed event. */
    public void fail(Connection c, Orphan o, String error) throws SQLException {
        JobState.RUNNING.checkTransition(JobState.FAILED);
        try (PreparedStatement ps = c.prepareStatement("update " + o.table().table() + " set state = ?, error = ?, "
                + "phase = 'failed', lease_expires_at = null, finished_at = now(), updated_at = now(), "
                + "version = version + 1 where id = ? and state = ?")) {
            ps.setString(1, JobState.FAILED.wireName());
            ps.setString(2, error);
            ps.setObject(3, o.id());
            // only the sweep's own case: a lease can only expire on a running job
            ps.setString(4, JobState.RUNNING.wireName());
            ps.executeUpdate();
        }
        event(c, o, JobFact.FAILED, JobState.FAILED, Map.of("attempt", o.attempt(), "error", error));
    }

    /** Appends a new job message for a due queued job and clears its {@code next_attempt_at}: published once. */
    public void publish(Connection c, Orphan o) throws SQLException {
        outbox.append(c, OutboxMessage.command(
                JobMessages.command(o.table(), o.id(), o.tenantId(), o.sourceId(), o.attempt(), Instant.now())));
        try (PreparedStatement ps = c.prepareStatement("update " + o.table().table()
                + " set next_attempt_at = null, updated_at = now() where id = ? and state = ?")) {
            ps.setObject(1, o.id());
            ps.setString(2, JobState.QUEUED.wireName());
            ps.executeUpdate();
        }
    }

    private List<Orphan> lock(Connection c, JobTable t, String condition, JobState state, int limit)
            throws SQLException {
        List<Orphan> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, tenant_id, " + t.sourceColumn()
                + ", attempt, worker_id from " + t.table() + " where state = ? and " + condition
                + " limit ? for update skip locked")) {
            ps.setString(1, state.wireName());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Orphan(t, rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getInt(4), rs.getString(5)));
                }
            }
        }
        return rows;
    }

    private void event(Connection c, Orphan o, JobFact what, JobState state, Map<String, Object> data)
            throws SQLException {
        outbox.append(c, OutboxMessage.event(JobMessages.event(o.table(), o.id(), o.tenantId(), what, state, data)));
    }
}
