package io.arca.api.restore;

import io.arca.common.job.JobState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A restore job row. The API inserts it ({@code pending}) and reads it; the worker and scheduler move its state
 * (see {@link JobState}) and fill progress and result. Lease columns are theirs and not mapped here.
 */
@Entity
@Table(name = "restores")
public class Restore extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    @Column(name = "backup_id", nullable = false)
    public UUID backupId;
    @Column(name = "target_source_id", nullable = false)
    public UUID targetSourceId;
    @Column(name = "target_database", nullable = false)
    public String targetDatabase;
    /** Wire name of {@link JobState}. */
    @Column(nullable = false)
    public String state;
    @Column(nullable = false)
    public int attempt;

    public String phase;
    @Column(name = "bytes_restored")
    public long bytesRestored;
    @Column(name = "tables_done")
    public int tablesDone;
    @Column(name = "tables_total")
    public int tablesTotal;
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

    public static Optional<Restore> findInTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }
}
