package io.arca.worker.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.export.ExportRefusedException;
import io.arca.export.ExportRequest;
import io.arca.jobs.ClaimedJob;
import io.arca.jobs.options.ExportOptions;
import io.arca.worker.job.JobFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** An export row and what it needs of its backup and source, read once when the job starts. */
record ExportJob(UUID exportId, UUID backupId, String format, String compression, ExportOptions options,
        Instant expiresAt,
        boolean expired, String backupState, String manifestSha256, boolean corrupted, Instant backupCreatedAt,
        String sourceName) {

    static ExportJob load(Connection c, ClaimedJob job, ObjectMapper json) throws SQLException, JobFailure {
        try (PreparedStatement ps = c.prepareStatement("select e.backup_id, e.format, e.compression, e.options::text, "
                + "e.expires_at, e.expires_at <= now(), b.state, b.manifest_sha256, b.corrupted, b.created_at, s.name "
                + "from exports e join backups b on b.id = e.backup_id and b.tenant_id = e.tenant_id "
                + "join sources s on s.id = b.source_id where e.id = ? and e.tenant_id = ?")) {
            ps.setObject(1, job.id());
            ps.setObject(2, job.tenantId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new JobFailure("backup-missing", "the export's backup does not exist for this tenant");
                }
                ExportOptions options;
                try {
                    options = json.readValue(rs.getString(4), ExportOptions.class);
                } catch (Exception e) {
                    throw new JobFailure("invalid-options", "the export's options are not readable: "
                            + e.getMessage());
                }
                return new ExportJob(job.id(), rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), options,
                        rs.getTimestamp(5).toInstant(), rs.getBoolean(6), rs.getString(7), rs.getString(8),
                        rs.getBoolean(9), rs.getTimestamp(10).toInstant(), rs.getString(11));
            }
        }
    }

    boolean force() {
        return options.force();
    }

    /** Refuses what cannot be exported, before anything is read; returns the parsed request. */
    ExportRequest check() throws JobFailure {
        if (expired) {
            throw new JobFailure("export-expired", "the export expired at " + expiresAt + " before it was written");
        }
        if (!"completed".equals(backupState) || manifestSha256 == null) {
            throw new JobFailure("backup-not-exportable", "backup " + backupId + " is " + backupState
                    + "; only completed backups with a recorded manifest digest can be exported");
        }
        if (corrupted && !force()) {
            throw new JobFailure("backup-corrupted", "backup " + backupId + " is marked corrupted (a verification "
                    + "or a download found damaged objects); request the export with force to try anyway (a damaged "
                    + "chunk still stops it)");
        }
        try {
            return ExportRequest.parse(format, compression, options.tables());
        } catch (ExportRefusedException e) {
            throw new JobFailure(e.code(), e.getMessage());
        }
    }
}
