package io.arca.api.restore;

import io.arca.api.job.JobRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A restore job row: the job columns ({@link JobRow}) and a restore's own (backup, target, bytes restored). */
@Entity
@Table(name = "restores")
public class Restore extends JobRow {
    @Column(name = "backup_id", nullable = false)
    public UUID backupId;
    @Column(name = "target_source_id", nullable = false)
    public UUID targetSourceId;
    @Column(name = "target_database", nullable = false)
    public String targetDatabase;

    /**
     * The accepted request options, defaults applied ({@link RestoreRequestOptions#stored()}: force, tables, mode,
     * onConflict, schemaOnly, dataOnly, skipOwnership, dropExisting, strict, confirmDataLoss, safetyBackup,
     * parallelism); the worker reads them back.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> options;

    /** A dry run changes nothing and completes with {@link #preview}. */
    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    /** Written by the worker (the preview its inspection saw, what the restore did): read-only here. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(insertable = false, updatable = false, columnDefinition = "jsonb")
    public Map<String, Object> preview;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(insertable = false, updatable = false, columnDefinition = "jsonb")
    public Map<String, Object> result;

    /** The safety backup of what the restore overwrites, recorded in the same transaction as the restore. */
    @Column(name = "safety_backup_id")
    public UUID safetyBackupId;

    @Column(name = "bytes_restored")
    public long bytesRestored;

    @Column(name = "idempotency_key")
    public String idempotencyKey;
    /** SHA-256 of the canonical request, so a reused Idempotency-Key with another request is refused. */
    @Column(name = "request_hash")
    public String requestHash;

    public static Optional<Restore> findInTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public static Optional<Restore> findByIdempotencyKey(UUID tenantId, String key) {
        return find("tenantId = ?1 and idempotencyKey = ?2", tenantId, key).firstResultOptional();
    }
}
