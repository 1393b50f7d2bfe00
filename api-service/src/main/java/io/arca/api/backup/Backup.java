package io.arca.api.backup;

import io.arca.api.job.JobRow;
import io.arca.common.job.JobState;
import io.arca.jobs.options.BackupOptions;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A backup job row: the job columns ({@link JobRow}) and a backup's own (options, progress counters, result). */
@Entity
@Table(name = "backups")
public class Backup extends JobRow {
    @Column(name = "source_id", nullable = false)
    public UUID sourceId;
    @Column(nullable = false)
    public String type;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public BackupOptions options;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> labels;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "bytes_read")
    public long bytesRead;
    @Column(name = "bytes_stored")
    public long bytesStored;
    @Column(name = "chunks_new")
    public long chunksNew;
    @Column(name = "chunks_reused")
    public long chunksReused;

    @Column(name = "logical_size")
    public Long logicalSize;
    @Column(name = "stored_size")
    public Long storedSize;
    @Column(name = "new_bytes")
    public Long newBytes;
    @Column(name = "dedup_ratio")
    public Double dedupRatio;
    @Column(name = "manifest_key")
    public String manifestKey;
    @Column(name = "server_version")
    public String serverVersion;
    @Column(name = "manifest_sha256", insertable = false, updatable = false)
    public String manifestSha256;

    // Written by the worker's verify jobs (see VerificationDtos), never by the API: read-only here.
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(insertable = false, updatable = false, columnDefinition = "jsonb")
    public Map<String, Object> verification;
    @Column(name = "verified_at", insertable = false, updatable = false)
    public Instant verifiedAt;
    @Column(insertable = false, updatable = false)
    public boolean corrupted;
    @Column(name = "proven_restorable_at", insertable = false, updatable = false)
    public Instant provenRestorableAt;

    /**
     * The database on the source's server this backup reads; null: the source's own database. Set for a safety
     * backup of a restore target that is another database of the source's server.
     */
    @Column(name = "database_name")
    public String databaseName;

    /** api, schedule or safety; for a scheduled backup the schedule, its slot and how late the scheduler fired it. */
    @Column(nullable = false)
    public String origin = "api";
    @Column(name = "schedule_id")
    public UUID scheduleId;
    @Column(name = "scheduled_for")
    public Instant scheduledFor;
    @Column(name = "late_by_ms")
    public Long lateByMs;

    @Column(name = "pinned_at")
    public Instant pinnedAt;
    @Column(name = "pin_reason")
    public String pinReason;

    /** live, expiring, deleting or deleted (catalog V5): the backup's life after its job, not a job state. */
    @Column(nullable = false)
    public String lifecycle = "live";
    @Column(name = "deletion_requested_at")
    public Instant deletionRequestedAt;
    @Column(name = "deletion_reason")
    public String deletionReason;
    @Column(name = "deletion_detail")
    public String deletionDetail;
    @Column(name = "deleted_at")
    public Instant deletedAt;

    public boolean isCompleted() {
        return JobState.COMPLETED.wireName().equals(state);
    }

    public static Optional<Backup> findInTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public static Optional<Backup> findByIdempotencyKey(UUID tenantId, String key) {
        return find("tenantId = ?1 and idempotencyKey = ?2", tenantId, key).firstResultOptional();
    }
}
