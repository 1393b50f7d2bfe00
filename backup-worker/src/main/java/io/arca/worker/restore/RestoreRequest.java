package io.arca.worker.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.jobs.ClaimedJob;
import io.arca.worker.job.JobFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A restore row as the worker needs it, with the facts of its backup: what to restore where, how
 * ({@code options}, as the API accepted them), whether it is a dry run, and the safety backup it waits for.
 *
 * @param backupDatabase the database the backup read on its source's server (null: the source's own)
 * @param safetyBackupId the backup of the target's objects the API recorded with the restore (null: none)
 */
record RestoreRequest(UUID backupId, UUID targetSourceId, String targetDatabase, JsonNode options, boolean dryRun,
                      UUID safetyBackupId, String backupState, String manifestKey, String manifestSha256,
                      UUID backupSourceId, String backupDatabase) {

    static RestoreRequest load(Connection c, ClaimedJob job, ObjectMapper json) throws SQLException, JobFailure {
        try (PreparedStatement ps = c.prepareStatement(
                "select r.backup_id, r.target_source_id, r.target_database, r.options::text, r.dry_run, "
                        + "r.safety_backup_id, b.state, b.manifest_key, b.manifest_sha256, b.source_id, b.database_name from restores r "
                        + "join backups b on b.id = r.backup_id and b.tenant_id = r.tenant_id "
                        + "where r.id = ? and r.tenant_id = ?")) {
            ps.setObject(1, job.id());
            ps.setObject(2, job.tenantId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new JobFailure("backup-missing", "the restore's backup does not exist for this tenant");
                }
                JsonNode options;
                try {
                    options = json.readTree(rs.getString(4));
                } catch (java.io.IOException e) {
                    throw new JobFailure("invalid-options", "the restore's options are not JSON: " + e.getMessage());
                }
                return new RestoreRequest(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        options, rs.getBoolean(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getObject(10, UUID.class), rs.getString(11));
            }
        }
    }

    /** Refuses a backup that cannot be restored: not completed, or without a recorded manifest digest. */
    void requireRestorable() throws JobFailure {
        if (!"completed".equals(backupState) || manifestKey == null) {
            throw new JobFailure("backup-not-restorable", "backup " + backupId + " is " + backupState
                    + "; only completed backups can be restored");
        }
        if (manifestSha256 == null) {
            throw new JobFailure("backup-not-restorable", "backup " + backupId + " has no recorded manifest digest "
                    + "(manifest_sha256), so its manifest in the bucket cannot be checked");
        }
    }
}
