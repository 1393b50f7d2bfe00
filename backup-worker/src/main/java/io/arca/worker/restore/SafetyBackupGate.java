package io.arca.worker.restore;

import io.arca.worker.job.JobDeferral;
import io.arca.worker.job.JobFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * Holds a restore back until the safety backup recorded with it (a backup of the target's objects it will overwrite,
 * {@code origin = 'safety'}) has completed: nothing may be overwritten before a copy of it is safe in the bucket.
 * While that backup is pending, queued or running the restore looks again for up to {@link #INLINE_WAIT}, then goes
 * back to the queue ({@link JobDeferral}, no attempt used); when it failed or was cancelled the restore fails as {@code safety-backup-failed} before it touches the
 * target.
 */
final class SafetyBackupGate {
    static final String WAITING = "waiting-for-safety-backup";
    /** How long a claimed restore looks again in place before it goes back to the queue. */
    static final Duration INLINE_WAIT = Duration.ofSeconds(5);
    private static final Duration INLINE_POLL = Duration.ofMillis(200);

    private SafetyBackupGate() {
    }

    /**
     * @param waitSeconds how long the restore waits in the queue before it looks again
     * @throws JobDeferral while the safety backup is unfinished
     * @throws JobFailure  when it failed, was cancelled, or is gone
     */
    static void check(Connection c, UUID tenantId, UUID safetyBackupId, long waitSeconds)
            throws SQLException, JobDeferral, JobFailure, InterruptedException {
        // A safety backup holds only the overwritten tables and usually completes within a second of the restore
        // being claimed (both are published together): looking again here for a few seconds spares the restore a
        // trip through the queue (README walkthrough: 0.3 s backup, then 12 s waiting for the deferred restore).
        long deadline = System.nanoTime() + INLINE_WAIT.toNanos();
        while (true) {
            try {
                checkOnce(c, tenantId, safetyBackupId, waitSeconds);
                return;
            } catch (JobDeferral stillRunning) {
                if (System.nanoTime() >= deadline) {
                    throw stillRunning;
                }
                Thread.sleep(INLINE_POLL.toMillis());
            }
        }
    }

    private static void checkOnce(Connection c, UUID tenantId, UUID safetyBackupId, long waitSeconds)
            throws SQLException, JobDeferral, JobFailure {
        try (PreparedStatement ps = c.prepareStatement("select state, error, lifecycle from backups "
                + "where id = ? and tenant_id = ?")) {
            ps.setObject(1, safetyBackupId);
            ps.setObject(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw failed(safetyBackupId, "does not exist");
                }
                String state = rs.getString(1);
                String error = rs.getString(2);
                String lifecycle = rs.getString(3);
                switch (state) {
                    case "completed" -> {
                        if (!"live".equals(lifecycle)) {
                            throw failed(safetyBackupId, "completed but is " + lifecycle + " since");
                        }
                    }
                    case "failed", "cancelled" -> throw failed(safetyBackupId,
                            state + (error == null ? "" : " (" + error + ")"));
                    default -> throw new JobDeferral(waitSeconds, WAITING, "safety backup " + safetyBackupId
                            + " of the target is " + state + "; the restore starts once it has completed");
                }
            }
        }
    }

    /**
     * What a restore that failed after its safety backup completed adds to its error: where the overwritten objects
     * are now, and how to bring them back.
     */
    static String howToRecover(UUID safetyBackupId, UUID targetSourceId, String targetDatabase) {
        return "; the target's objects as they were before this restore are in safety backup " + safetyBackupId
                + ": to bring them back, POST /api/v1/restores {\"backupId\": \"" + safetyBackupId
                + "\", \"target\": {\"sourceId\": \"" + targetSourceId + "\", \"database\": \"" + targetDatabase
                + "\"}, \"dropExisting\": true, \"confirmDataLoss\": true}";
    }

    private static JobFailure failed(UUID safetyBackupId, String what) {
        return new JobFailure("safety-backup-failed", "the safety backup " + safetyBackupId + " of the target "
                + what + ", so the restore did not start: nothing in the target was overwritten. Retry the restore "
                + "(a new safety backup is taken), or request it with safetyBackup: false to go without one");
    }
}
