package io.arca.api.restore;

import io.arca.api.audit.AuditLog;
import io.arca.api.backup.Backup;
import io.arca.api.backup.SafetyBackups;
import io.arca.api.deletion.BackupLifecycle;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.job.JobRecorder;
import io.arca.api.source.Source;
import io.arca.jobs.JobTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The transaction of a restore request: the restore row ({@code pending}), its job message (key = target source,
 * so jobs against one server stay ordered) and its {@code restore.requested} event in the outbox, the audit row, and
 * when it overwrites data, the safety backup of that data with its own job message (before the restore's, on the
 * same key).
 */
@ApplicationScoped
class RestoreWriter {

    @Inject
    JobRecorder jobs;

    @Inject
    AuditLog audit;

    @Inject
    SafetyBackups safetyBackups;

    record NewRestore(UUID tenantId, UUID backupId, UUID targetSourceId, String targetDatabase,
                      RestoreRequestOptions options, String idempotencyKey, String requestHash) {
    }

    /** @return the restore, and whether this call created it (false: a replay of its Idempotency-Key) */
    @Transactional
    RestoreService.Accepted record(NewRestore request, Overwrites overwrites) {
        if (request.idempotencyKey() != null) {
            var existing = Restore.findByIdempotencyKey(request.tenantId(), request.idempotencyKey());
            if (existing.isPresent()) {
                if (!request.requestHash().equals(existing.get().requestHash)) {
                    throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                            "this Idempotency-Key was used for a different request", "Idempotency-Key");
                }
                return new RestoreService.Accepted(RestoreDtos.view(existing.get()), false);
            }
        }
        // Another tenant's backup or source answers exactly like a missing one.
        Backup backup = BackupLifecycle.findForRead(request.tenantId(), request.backupId())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "backup " + request.backupId() + " not found", "backupId"));
        Source target = Source.findInTenant(request.tenantId(), request.targetSourceId())
                .orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_SOURCE,
                        "source " + request.targetSourceId() + " not found", "target.sourceId"));
        RestoreRequestOptions options = request.options();
        RestoreService.checkRestorable(backup, options.force());

        Restore restore = new Restore();
        restore.newPending(request.tenantId());
        restore.backupId = backup.id;
        restore.targetSourceId = target.id;
        restore.targetDatabase = request.targetDatabase();
        restore.options = options.stored();
        restore.dryRun = options.dryRun();
        restore.idempotencyKey = request.idempotencyKey();
        restore.requestHash = request.requestHash();
        if (overwrites.losesData() && options.safetyBackup() && !options.dryRun()) {
            restore.safetyBackupId = safetyBackups.record(request.tenantId(), target, restore.targetDatabase,
                    overwrites.tablePatterns(), backup.options != null && backup.options.encrypt(), restore.id);
        }
        Map<String, Object> requested = new LinkedHashMap<>();
        requested.put("backupId", backup.id.toString());
        requested.put("targetSourceId", target.id.toString());
        requested.put("targetDatabase", restore.targetDatabase);
        requested.put("dryRun", restore.dryRun);
        if (restore.safetyBackupId != null) {
            requested.put("safetyBackupId", restore.safetyBackupId.toString());
        }
        // keyed by the target source: jobs against one server stay ordered
        jobs.record(JobTable.RESTORES, restore, restore.targetSourceId, requested);
        audit.record("restore.create", "restore", restore.id);
        return new RestoreService.Accepted(RestoreDtos.view(restore), true);
    }
}
