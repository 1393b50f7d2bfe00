package io.arca.api.job;

import io.arca.common.job.JobState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The job columns every job table has (arca-jobs' {@code JobTable} names them), as the API maps them: it inserts a
 * job {@code pending} and reads it; the worker and the scheduler move its state (see {@link JobState}) and fill
 * progress and result. Lease columns are theirs and not mapped here.
 */
@MappedSuperclass
public abstract class JobRow extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;
    /** Wire name of {@link JobState}. */
    @Column(nullable = false)
    public String state;
    @Column(nullable = false)
    public int attempt;

    public String phase;
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

    /**
     * Fills the columns of a new job of {@code tenantId}: a fresh id, {@code pending}, attempt 1.
     *
     * @return the creation time (microseconds, as the catalog stores it), for the job's first message and event
     */
    public Instant newPending(UUID tenantId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.id = UUID.randomUUID();
        this.tenantId = tenantId;
        this.state = JobState.PENDING.wireName();
        this.attempt = 1;
        this.createdAt = now;
        this.updatedAt = now;
        return now;
    }
}
