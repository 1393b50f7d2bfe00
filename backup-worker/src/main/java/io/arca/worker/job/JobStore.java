package io.arca.worker.job;

import io.agroal.api.AgroalDataSource;
import io.arca.jobs.ClaimResult;
import io.arca.jobs.ClaimedJob;
import io.arca.jobs.JobClaims;
import io.arca.jobs.JobColumns;
import io.arca.jobs.JobTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * The worker's transactions on job rows: each call is one transaction around the job platform's guarded SQL
 * ({@link JobClaims}), which writes the state change and its event to the outbox together.
 */
@ApplicationScoped
public class JobStore {
    private final AgroalDataSource db;
    private final JobClaims claims;

    public JobStore(AgroalDataSource db, JobClaims claims) {
        this.db = db;
        this.claims = claims;
    }

    /** Moves {@code pending|queued -> running} for this worker, with a fresh lease, and writes the started event. */
    @Transactional
    public ClaimResult claim(JobTable t, UUID jobId, UUID messageTenant, String workerId) throws SQLException {
        try (Connection c = db.getConnection()) {
            return claims.claim(c, t, jobId, messageTenant, workerId);
        }
    }

    /** Extends the lease and writes progress; false when the lease is lost. */
    @Transactional
    public boolean heartbeat(ClaimedJob job, JobColumns progress, Map<String, Object> eventData) throws SQLException {
        try (Connection c = db.getConnection()) {
            return claims.heartbeat(c, job, progress, eventData);
        }
    }

    /**
     * {@code running -> completed} with the outcome's result columns, its completed event and its other completion
     * writes, in one transaction; false when the lease was lost (then nothing is written).
     */
    @Transactional
    public boolean complete(ClaimedJob job, JobOutcome outcome) throws SQLException {
        try (Connection c = db.getConnection()) {
            return claims.complete(c, job, outcome.result(), outcome.eventData(), outcome.alsoOnCompletion());
        }
    }

    /** {@code running -> queued}, due again after the deferral's delay, attempt unchanged; false when the lease was lost. */
    @Transactional
    public boolean defer(ClaimedJob job, JobDeferral deferral) throws SQLException {
        try (Connection c = db.getConnection()) {
            return claims.defer(c, job, deferral.delaySeconds(), deferral.phase(), deferral.getMessage());
        }
    }

    /** {@code running -> failed} with the reason and the failed event; false when the lease was lost. */
    @Transactional
    public boolean fail(ClaimedJob job, String error, JobColumns extra) throws SQLException {
        try (Connection c = db.getConnection()) {
            return claims.fail(c, job, error, extra);
        }
    }

    /**
     * {@code running -> queued} because this worker shuts down: lease cleared, attempt unchanged, the requeued event
     * and a new job command through the outbox, in one transaction; false when the lease was already lost.
     */
    @Transactional
    public boolean release(ClaimedJob job, String detail) throws SQLException {
        try (Connection c = db.getConnection()) {
            return claims.release(c, job, detail);
        }
    }
}
