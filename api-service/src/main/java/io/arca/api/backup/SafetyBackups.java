package io.arca.api.backup;

import io.arca.api.audit.AuditLog;
import io.arca.api.job.JobRecorder;
import io.arca.api.source.Source;
import io.arca.jobs.JobMessages;
import io.arca.jobs.JobTable;
import io.arca.jobs.options.BackupOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Safety backups: before a restore overwrites data, a normal backup (origin {@code safety}) of exactly what it
 * overwrites, recorded in the restore's own transaction with its job message like any backup, so either both jobs
 * exist or neither. The restore job waits for it to complete.
 */
@ApplicationScoped
public class SafetyBackups {
    /** Label that names the restore a safety backup was taken for. */
    public static final String RESTORE_LABEL = "arca.restore";

    @Inject
    JobRecorder jobs;

    @Inject
    AuditLog audit;

    /**
     * Records the backup of {@code tables} of {@code database} on {@code target}'s server.
     *
     * @param tables  patterns that each select exactly one of the tables to be overwritten
     * @param encrypt encrypt it (as the backup being restored was: the overwritten data deserves the same care)
     * @return the backup's id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(UUID tenantId, Source target, String database, List<String> tables, boolean encrypt,
                       UUID restoreId) {
        Backup backup = new Backup();
        backup.newPending(tenantId);
        backup.sourceId = target.id;
        // null means the source's own database, as for every other backup
        backup.databaseName = database.equals(target.databaseName) ? null : database;
        backup.type = BackupOptions.FULL;
        backup.options = new BackupOptions(BackupOptions.FULL, new BackupOptions.Tables(List.copyOf(tables),
                List.of(), List.of()), BackupOptionsValidator.compression(null), encrypt);
        backup.labels = Map.of(RESTORE_LABEL, restoreId.toString());
        backup.origin = "safety";
        jobs.record(JobTable.BACKUPS, backup, backup.sourceId,
                JobMessages.backupRequested(backup.sourceId, backup.type));
        audit.record("backup.create", "backup", backup.id, Map.of("origin", "safety",
                "restoreId", restoreId.toString()));
        return backup.id;
    }
}
