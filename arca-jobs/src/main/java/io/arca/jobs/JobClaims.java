package io.arca.jobs;

import io.arca.common.job.JobState;
import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.outbox.OutboxMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A worker's writes to job rows, on the caller's connection and transaction: claim, heartbeat (with progress),
 * complete, fail, defer, release. Every state change checks {@link JobState#checkTransition}, is guarded in SQL by the states
 * {@link JobState} allows it from, and appends its event to the outbox in the same transaction. After the claim,
 * every write is also guarded by worker id + attempt: when it matches no row the lease was lost, and the caller must
 * stop without writing anything else.
 */
public final class JobClaims {
    private final Outbox outbox;
    private final int leaseSeconds;

    public JobClaims(Outbox outbox, int leaseSeconds) {
        this.outbox = outbox;
        this.leaseSeconds = leaseSeconds;
    }

    /** Moves {@code pending|queued -> running} for this worker, with a fresh lease, and writes the started event. */
    public ClaimResult claim(Connection c, JobTable t, UUID jobId, UUID messageTenant, String workerId)
            throws SQLException {
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
        try (PreparedStatement ps = c.prepareStatement("update " + t.table() + " set state = ?, "
                + "worker_id = ?, lease_expires_at = now() + make_interval(secs => ?), heartbeat_at = now(), "
                + "next_attempt_at = null, phase = 'starting', error = null, started_at = coalesce(started_at, now()), "
                + "updated_at = now(), version = version + 1 where id = ? and version = ? and state = any(?)")) {
            ps.setString(1, JobState.RUNNING.wireName());
            ps.setString(2, workerId);
            ps.setInt(3, leaseSeconds);
            ps.setObject(4, jobId);
            ps.setLong(5, version);
            ps.setArray(6, c.createArrayOf("text", JobTable.statesBefore(JobState.RUNNING)));
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            return ClaimResult.of(ClaimResult.Outcome.LOST_RACE, state);
        }
        ClaimedJob job = new ClaimedJob(t, jobId, tenant, attempt, workerId);
        event(c, job, JobFact.STARTED, JobState.RUNNING, Map.of("attempt", attempt, "workerId", workerId));
        return new ClaimResult(ClaimResult.Outcome.CLAIMED, job, state);
    }

    /**
     * Extends the lease and writes progress counters (and a progress event when {@code eventData} is given).
     *
     * @return false when the lease is lost (another worker or the orphan sweep took the job)
     */
    public boolean heartbeat(Connection c, ClaimedJob job, JobColumns progress, Map<String, Object> eventData)
            throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("update " + job.table().table() + " set "
                + "lease_expires_at = now() + make_interval(secs => ?), heartbeat_at = now(), updated_at = now()"
                + progress.assignments() + HELD_BY_WORKER)) {
            ps.setInt(1, leaseSeconds);
            bindHeld(ps, progress.bind(ps, 2), job);
            updated = ps.executeUpdate();
        }
        if (updated == 1 && eventData != null) {
            event(c, job, JobFact.PROGRESS, JobState.RUNNING, eventData);
        }
        return updated == 1;
    }

    /** {@code running -> completed} with the result columns and the completed event; false when the lease was lost. */
    public boolean complete(Connection c, ClaimedJob job, JobColumns result, Map<String, Object> eventData)
            throws SQLException {
        return complete(c, job, result, eventData, CompletionWrites.NONE);
    }

    /**
     * Like {@link #complete(Connection, ClaimedJob, JobColumns, Map)}, and when the job row was completed also runs
     * {@code also} on the same connection (so in the same transaction): rows of other tables that must exist exactly
     * when the job is completed.
     */
    public boolean complete(Connection c, ClaimedJob job, JobColumns result, Map<String, Object> eventData,
            CompletionWrites also) throws SQLException {
        boolean completed = finish(c, job, JobState.COMPLETED, result, eventData);
        if (completed) {
            also.write(c);
        }
        return completed;
    }

    /** {@code running -> failed} with the reason and the failed event; false when the lease was lost. */
    public boolean fail(Connection c, ClaimedJob job, String error, JobColumns extra) throws SQLException {
        JobColumns columns = extra == null ? new JobColumns() : extra;
        columns.set("error", error);
        Map<String, Object> data = new HashMap<>();
        data.put("error", error);
        data.put("attempt", job.attempt());
        return finish(c, job, JobState.FAILED, columns, data);
    }

    /**
     * Puts a running job back: {@code running -> queued}, due again after {@code delaySeconds}, with its
     * {@code <kind>.deferred} event. Unlike a lost lease (orphan recovery's re-queue) the attempt is NOT incremented:
     * a job that waits for something (a delete job for the readers of its backup) may defer any number of times
     * without using up {@code arca.jobs.max-attempts}. Orphan recovery publishes it again once
     * {@code next_attempt_at} has passed ({@link OrphanedJobs#lockDue}), like any re-queued job.
     *
     * @param phase what it waits in (the row's {@code phase} while queued, e.g. {@code waiting-for-readers})
     * @return false when the lease was lost
     */
    public boolean defer(Connection c, ClaimedJob job, long delaySeconds, String phase, String reason)
            throws SQLException {
        JobState.RUNNING.checkTransition(JobState.QUEUED);
        int updated;
        try (PreparedStatement ps = c.prepareStatement("update " + job.table().table() + " set state = ?, "
                + "worker_id = null, lease_expires_at = null, phase = ?, "
                + "next_attempt_at = now() + make_interval(secs => ?), updated_at = now(), version = version + 1"
                + HELD_BY_WORKER)) {
            ps.setString(1, JobState.QUEUED.wireName());
            ps.setString(2, phase);
            ps.setLong(3, delaySeconds);
            bindHeld(ps, 4, job);
            updated = ps.executeUpdate();
        }
        if (updated == 1) {
            event(c, job, JobFact.DEFERRED, JobState.QUEUED, Map.of("attempt", job.attempt(), "reason", reason,
                    "delaySeconds", delaySeconds));
        }
        return updated == 1;
    }

    /** The {@code reason} of the requeued event of a job its worker released at shutdown. */
    public static final String RELEASED = "released";

    /**
     * Gives a running job back because its worker shuts down: {@code running -> queued} with the lease and worker
     * cleared, the attempt NOT incremented (the job did not fail; nothing of this attempt is kept), its
     * {@code <kind>.requeued} event (reason {@value #RELEASED}) and a new job command, all in the caller's
     * transaction, so another worker claims it as soon as the relay published the command, not after the lease would
     * have expired. {@code next_attempt_at} stays null: orphan recovery does not publish it a second time.
     *
     * @param detail what happened, in the event (e.g. which worker shut down after how long)
     * @return false when the lease was already lost (then nothing is written)
     */
    public boolean release(Connection c, ClaimedJob job, String detail) throws SQLException {
        JobState.RUNNING.checkTransition(JobState.QUEUED);
        UUID messageKey;
        try (PreparedStatement ps = c.prepareStatement("update " + job.table().table() + " set state = ?, "
                + "worker_id = null, lease_expires_at = null, next_attempt_at = null, phase = 'queued', "
                + "updated_at = now(), version = version + 1" + HELD_BY_WORKER + " returning "
                + job.table().sourceColumn())) {
            ps.setString(1, JobState.QUEUED.wireName());
            bindHeld(ps, 2, job);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                messageKey = rs.getObject(1, UUID.class);
            }
        }
        event(c, job, JobFact.REQUEUED, JobState.QUEUED, Map.of("attempt", job.attempt(), "reason", RELEASED,
                "detail", detail));
        outbox.append(c, OutboxMessage.command(JobMessages.command(job.table(), job.id(), job.tenantId(), messageKey,
                job.attempt(), Instant.now())));
        return true;
    }

    private boolean finish(Connection c, ClaimedJob job, JobState target, JobColumns columns,
            Map<String, Object> eventData) throws SQLException {
        JobState.RUNNING.checkTransition(target);
        if (!columns.has("phase")) {
            columns.set("phase", target == JobState.COMPLETED ? "done" : "failed");
        }
        int updated;
        try (PreparedStatement ps = c.prepareStatement("update " + job.table().table() + " set state = ?, "
                + "finished_at = now(), lease_expires_at = null, updated_at = now(), version = version + 1"
                + columns.assignments() + HELD_BY_WORKER)) {
            ps.setString(1, target.wireName());
            bindHeld(ps, columns.bind(ps, 2), job);
            updated = ps.executeUpdate();
        }
        if (updated == 1) {
            event(c, job, target == JobState.COMPLETED ? JobFact.COMPLETED : JobFact.FAILED, target, eventData);
        }
        return updated == 1;
    }

    /** The lease guard: this worker, this attempt, and still running. */
    private static final String HELD_BY_WORKER = " where id = ? and worker_id = ? and attempt = ? and state = ?";

    private static void bindHeld(PreparedStatement ps, int i, ClaimedJob job) throws SQLException {
        ps.setObject(i, job.id());
        ps.setString(i + 1, job.workerId());
        ps.setInt(i + 2, job.attempt());
        ps.setString(i + 3, JobState.RUNNING.wireName());
    }

    private void event(Connection c, ClaimedJob job, JobFact what, JobState state, Map<String, Object> data)
            throws SQLException {
        outbox.append(c, OutboxMessage.event(
                JobMessages.event(job.table(), job.id(), job.tenantId(), what, state, data)));
    }
}
