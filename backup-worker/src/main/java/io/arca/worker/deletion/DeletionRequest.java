package io.arca.worker.deletion;

import io.arca.jobs.ClaimedJob;
import io.arca.worker.job.JobFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** A delete job's row and what it needs of its backup, read when the job starts. */
record DeletionRequest(UUID deletionId, UUID tenantId, UUID backupId, UUID sourceId, String reason, String detail,
        String backupState, String lifecycle) {

    static DeletionRequest load(Connection c, ClaimedJob job) throws SQLException, JobFailure {
        try (PreparedStatement ps = c.prepareStatement("select d.backup_id, b.source_id, d.reason, d.detail, "
                + "b.state, b.lifecycle from backup_deletions d "
                + "join backups b on b.id = d.backup_id and b.tenant_id = d.tenant_id "
                + "where d.id = ? and d.tenant_id = ?")) {
            ps.setObject(1, job.id());
            ps.setObject(2, job.tenantId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new JobFailure("backup-missing", "the delete job's backup does not exist for this tenant");
                }
                return new DeletionRequest(job.id(), job.tenantId(), rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6));
            }
        }
    }

    boolean alreadyDeleted() {
        return "deleted".equals(lifecycle);
    }
}
