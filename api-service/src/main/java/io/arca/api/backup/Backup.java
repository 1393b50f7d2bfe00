package io.arca.api.backup;

import io.arca.common.job.JobState;
import io.arca.jobs.options.BackupOptions;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A backup job row. The API inserts it ({@code pending}) and reads it; the worker and scheduler move its state
 * (see {@link JobState} for the allowed transitions) and fill progress and result. Lease columns are theirs and
 * not mapped here.
 */
@Entity
@Table(name = "backups")
public class Backup extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
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
    /** Wire name of {@link JobState}. */
    @Column(nullable = false)
    public String state;
    @Column(nullable = false)
    public int attempt;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "request_hash")
    public String requestHash;

    public String phase;
    @Column(name = "bytes_read")
    public long bytesRead;
    @Column(name = "bytes_stored")
    public long bytesStored;
    @Column(name = "tables_done")
    public int tablesDone;
    @Column(name = "tables_total")
    public int tablesTotal;
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
    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Version
    public long version;

    public static Optional<Backup> findInTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public static Optional<Backup> findByIdempotencyKey(UUID tenantId, String key) {
        return find("tenantId = ?1 and idempotencyKey = ?2", tenantId, key).firstResultOptional();
    }
}
