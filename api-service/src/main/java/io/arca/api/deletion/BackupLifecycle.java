package io.arca.api.deletion;

import io.arca.api.backup.Backup;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one gate for reads of a backup (restore, export, verify, contents, download links, downloads): only a
 * {@code live} backup may be read. One being deleted answers 409 {@code backup-being-deleted}, one deleted 410
 * {@code backup-gone}.
 *
 * <p>A read that starts a job or a download checks under {@link #findForRead}'s share lock on the backup row: a
 * deletion request updates that row, so either the read commits first (and the delete job then sees the new reader
 * and waits for it) or the deletion does (and the read, after waiting for the lock, sees it and is refused). A reader
 * the delete job cannot see is therefore impossible.
 */
public final class BackupLifecycle {
    public static final String LIVE = "live";
    public static final String DELETED = "deleted";
    /** Every value of {@code backups.lifecycle} (catalog V5), as the API shows and filters them. */
    public static final List<String> ALL = List.of(LIVE, "expiring", "deleting", DELETED);

    private BackupLifecycle() {
    }

    /** The backup of the tenant with a share lock (in the caller's transaction), or empty. */
    public static Optional<Backup> findForRead(UUID tenantId, UUID backupId) {
        return Backup.find("tenantId = ?1 and id = ?2", tenantId, backupId)
                .withLock(LockModeType.PESSIMISTIC_READ).firstResultOptional();
    }

    /** A {@code lifecycle} query parameter: null when absent, else one of {@link #ALL} (400 naming it otherwise). */
    public static String filter(String text, String field) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!ALL.contains(text)) {
            throw ProblemException.invalid(field, field + " must be " + String.join(", ", ALL.subList(0, 3)) + " or "
                    + DELETED);
        }
        return text;
    }

    public static void requireLive(Backup backup) {
        requireLive(backup.id, backup.lifecycle);
    }

    public static void requireLive(UUID backupId, String lifecycle) {
        if (DELETED.equals(lifecycle)) {
            throw new ProblemException(ProblemType.BACKUP_GONE, "backup " + backupId + " was deleted", null);
        }
        if (lifecycle != null && !LIVE.equals(lifecycle)) {
            throw new ProblemException(ProblemType.BACKUP_BEING_DELETED, "backup " + backupId + " is being deleted ("
                    + lifecycle + "); it can no longer be read", null);
        }
    }
}
