package io.arca.api.export;

import io.arca.api.job.JobRow;
import io.arca.jobs.options.ExportOptions;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An export job row: the job columns ({@link JobRow}) and an export's own (backup, format, options, the file the
 * worker uploaded, its expiry). The API inserts it pending, reads it, and shortens its expiry on delete; the worker
 * fills the file columns; the scheduler deletes the object once it expired and sets {@code deleted_at}.
 */
@Entity
@Table(name = "exports")
public class Export extends JobRow {
    @Column(name = "backup_id", nullable = false)
    public UUID backupId;
    @Column(name = "source_id", nullable = false)
    public UUID sourceId;
    /** Wire name of {@link io.arca.export.ExportFormat}. */
    @Column(nullable = false)
    public String format;
    /** Wire name of {@link io.arca.export.ExportCompression}. */
    @Column(nullable = false)
    public String compression;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public ExportOptions options;

    @Column(name = "bytes_written")
    public long bytesWritten;

    @Column(name = "object_key")
    public String objectKey;
    public String filename;
    public Long size;
    public String sha256;
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Past its expiry (or deleted): its file is gone or about to be. */
    public boolean isExpired(Instant now) {
        return deletedAt != null || !expiresAt.isAfter(now);
    }

    public static Optional<Export> findInTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }
}
