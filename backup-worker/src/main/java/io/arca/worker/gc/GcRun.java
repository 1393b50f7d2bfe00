package io.arca.worker.gc;

import io.arca.common.job.JobState;
import io.arca.jobs.ClaimedJob;
import io.arca.worker.job.JobFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * A gc run's row: read when the job starts (a re-queued run goes on from {@code resumeAfter} with its counters), and
 * written by each batch in the batch's own transaction: {@link #hold} first (the lease guard, which also keeps the
 * orphan sweep off the row until the batch commits), {@link #advance} last.
 */
record GcRun(UUID id, UUID tenantId, Instant cutoff, String resumeAfter, long chunksScanned, long chunksDeleted,
        long bytesFreed, long orphansAdopted) {

    static GcRun load(Connection c, ClaimedJob job) throws SQLException, JobFailure {
        try (PreparedStatement ps = c.prepareStatement("select cutoff, resume_after, chunks_scanned, chunks_deleted, "
                + "bytes_freed, orphans_adopted from gc_runs where id = ? and tenant_id = ?")) {
            ps.setObject(1, job.id());
            ps.setObject(2, job.tenantId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new JobFailure("gc-run-missing", "no gc run " + job.id() + " for this tenant");
                }
                return new GcRun(job.id(), job.tenantId(), rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
            }
        }
    }

    /** Locks the run's row if this worker still holds the job (this attempt, running); false when the lease is lost. */
    static boolean hold(Connection c, ClaimedJob job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from gc_runs where id = ? and worker_id = ? "
                + "and attempt = ? and state = ? for update")) {
            ps.setObject(1, job.id());
            ps.setString(2, job.workerId());
            ps.setInt(3, job.attempt());
            ps.setString(4, JobState.RUNNING.wireName());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Adds a batch's counts and moves {@code resume_after} (kept when the batch locked nothing). */
    static void advance(Connection c, ClaimedJob job, String phase, String resumeAfter, long scanned, long deleted,
            long bytes, long adopted) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update gc_runs set phase = ?, "
                + "resume_after = coalesce(?, resume_after), chunks_scanned = chunks_scanned + ?, "
                + "chunks_deleted = chunks_deleted + ?, bytes_freed = bytes_freed + ?, "
                + "orphans_adopted = orphans_adopted + ?, updated_at = now() where id = ?")) {
            ps.setString(1, phase);
            ps.setString(2, resumeAfter);
            ps.setLong(3, scanned);
            ps.setLong(4, deleted);
            ps.setLong(5, bytes);
            ps.setLong(6, adopted);
            ps.setObject(7, job.id());
            ps.executeUpdate();
        }
    }
}
