package io.arca.api.deletion;

import io.arca.api.backup.Backup;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.job.JobRecorder;
import io.arca.common.job.JobState;
import io.arca.jobs.JobTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Requests the deletion of a backup, in the caller's transaction, as the contract between the slices says: the backup
 * row (locked {@code FOR UPDATE}, so reads that check it under a share lock are ordered with this) gets its
 * {@code deleting} life cycle and the reason, and a delete job is recorded with its command and requested event. A
 * backup that already has an unfinished delete job returns that one.
 */
@ApplicationScoped
public class DeletionRequests {
    private final JobRecorder jobs;

    public DeletionRequests(JobRecorder jobs) {
        this.jobs = jobs;
    }

    /** The delete job and whether this request created it. */
    public record Requested(BackupDeletion deletion, boolean created) {
    }

    /** The backup of the tenant, locked for the deletion request; empty when absent (or another tenant's). */
    public static Optional<Backup> lock(UUID tenantId, UUID backupId) {
        return Backup.find("tenantId = ?1 and id = ?2", tenantId, backupId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * @throws ProblemException 410 when deleted already, 409 when pinned or while the backup's own job has not
     *                          ended
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Requested request(Backup backup, String reason, String detail) {
        if (BackupLifecycle.DELETED.equals(backup.lifecycle)) {
            throw new ProblemException(ProblemType.BACKUP_GONE, "backup " + backup.id + " was deleted at "
                    + backup.deletedAt, null);
        }
        Optional<BackupDeletion> running = BackupDeletion.findUnfinished(backup.tenantId, backup.id);
        if (running.isPresent()) {
            return new Requested(running.get(), false);
        }
        if (backup.pinnedAt != null) {
            throw new ProblemException(ProblemType.BACKUP_PINNED, "backup " + backup.id + " is pinned ("
                    + backup.pinReason + "); unpin it before deleting it", null);
        }
        if (!JobState.fromWireName(backup.state).isTerminal()) {
            throw new ProblemException(ProblemType.UNFINISHED_JOBS, "backup " + backup.id + " is " + backup.state
                    + "; a backup can be deleted once its job has ended", null);
        }
        BackupDeletion deletion = new BackupDeletion();
        var now = deletion.newPending(backup.tenantId);
        deletion.backupId = backup.id;
        deletion.sourceId = backup.sourceId;
        deletion.reason = reason;
        deletion.detail = detail;
        backup.lifecycle = "user".equals(reason) || "source-deleted".equals(reason) ? "deleting" : "expiring";
        backup.deletionRequestedAt = now;
        backup.deletionReason = reason;
        backup.deletionDetail = detail;
        Map<String, Object> requested = new LinkedHashMap<>();
        requested.put("backupId", backup.id.toString());
        requested.put("reason", reason);
        requested.put("detail", detail);
        jobs.record(JobTable.DELETIONS, deletion, deletion.sourceId, requested);
        return new Requested(deletion, true);
    }
}
