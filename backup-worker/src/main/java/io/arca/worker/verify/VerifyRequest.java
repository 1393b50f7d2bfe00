package io.arca.worker.verify;

import io.arca.jobs.ClaimedJob;
import io.arca.worker.job.JobFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** A verification row and what it needs of its backup, read once when the job starts. */
record VerifyRequest(UUID verificationId, UUID tenantId, UUID backupId, UUID backupSourceId, boolean deep,
        UUID targetSourceId, String backupState, String backupType, String manifestSha256) {

    static VerifyRequest load(Connection c, ClaimedJob job) throws SQLException, JobFailure {
        try (PreparedStatement ps = c.prepareStatement("select v.backup_id, b.source_id, v.deep, v.target_source_id, "
                + "b.state, b.type, b.manifest_sha256 from verifications v "
                + "join backups b on b.id = v.backup_id and b.tenant_id = v.tenant_id "
                + "where v.id = ? and v.tenant_id = ?")) {
            ps.setObject(1, job.id());
            ps.setObject(2, job.tenantId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new JobFailure("backup-missing", "the verification's backup does not exist for this tenant");
                }
                return new VerifyRequest(job.id(), job.tenantId(), rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), rs.getBoolean(3), rs.getObject(4, UUID.class), rs.getString(5),
                        rs.getString(6), rs.getString(7));
            }
        }
    }

    /** Refuses what cannot be verified, before anything is read. */
    void check() throws JobFailure {
        if (!"completed".equals(backupState) || manifestSha256 == null) {
            throw new JobFailure("backup-not-verifiable", "backup " + backupId + " is " + backupState
                    + (manifestSha256 == null && "completed".equals(backupState) ? " without a recorded manifest digest"
                    : "") + "; only completed backups with a manifest digest can be verified");
        }
        if (deep && targetSourceId == null) {
            throw new JobFailure("invalid-options", "a deep verification restores into a scratch database on a "
                    + "target source: targetSourceId is required");
        }
        if (deep && "data-only".equals(backupType)) {
            throw new JobFailure("invalid-options", "backup " + backupId + " is data-only: without its schema it "
                    + "cannot be restored into an empty scratch database; verify it without deep");
        }
    }
}
