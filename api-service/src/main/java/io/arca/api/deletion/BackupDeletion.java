package io.arca.api.deletion;

import io.arca.api.job.JobRow;
import io.arca.jobs.JobTable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A delete job row: the job columns ({@link JobRow}) and a deletion's own (backup, reason, what it removed). */
@Entity
@Table(name = "backup_deletions")
public class BackupDeletion extends JobRow {
    @Column(name = "backup_id", nullable = false)
    public UUID backupId;
    /** The backup's source: the job's messages are keyed by it. */
    @Column(name = "source_id", nullable = false)
    public UUID sourceId;
    /** retention, user, source-deleted or failed-cleanup. */
    @Column(nullable = false)
    public String reason;
    public String detail;

    @Column(name = "objects_deleted", insertable = false, updatable = false)
    public int objectsDeleted;
    @Column(name = "references_removed", insertable = false, updatable = false)
    public long referencesRemoved;

    public static Optional<BackupDeletion> findInTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    /** The backup's unfinished delete job (at most one: index backup_deletions_one_active). */
    public static Optional<BackupDeletion> findUnfinished(UUID tenantId, UUID backupId) {
        return find("tenantId = ?1 and backupId = ?2 and state in ?3", tenantId, backupId,
                List.of(JobTable.unfinishedStates())).firstResultOptional();
    }
}
