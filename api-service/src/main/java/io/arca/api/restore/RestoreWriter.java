package io.arca.api.restore;

import io.arca.api.audit.AuditLog;
import io.arca.api.backup.Backup;
import io.arca.api.deletion.BackupLifecycle;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.job.JobRecorder;
import io.arca.api.source.Source;
import io.arca.jobs.JobTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/**
 * The transaction of a restore request: the restore row ({@code pending}), its job message (key = target source,
 * so jobs against one server stay ordered) and its {@code restore.requested} event in the outbox, and the audit row.
 */
@ApplicationScoped
class RestoreWriter {

    @Inject
    JobRecorder jobs;

    @Inject
    AuditLog audit;

    record NewRestore(UUID tenantId, UUID backupId, UUID targetSourceId, String targetDatabase, boolean force,
                      String idempotencyKey, String requestHash) {
    }

    /** @return the restore, and whether this call created it (false: a replay of its Idempotency-Key) */
    @Transactional
    RestoreService.Accepted record(NewRestore request) {
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
        RestoreService.checkRestorable(backup, target, request.targetDatabase(), request.force());

        Restore restore = new Restore();
        restore.newPending(request.tenantId());
        restore.backupId = backup.id;
        restore.targetSourceId = target.id;
        restore.targetDatabase = request.targetDatabase();
        restore.options = Map.of("force", request.force());
        restore.idempotencyKey = request.idempotencyKey();
        restore.requestHash = request.requestHash();
        // keyed by the target source: jobs against one server stay ordered
        jobs.record(JobTable.RESTORES, restore, restore.targetSourceId, Map.of("backupId", backup.id.toString(),
                "targetSourceId", target.id.toString(), "targetDatabase", restore.targetDatabase));
        audit.record("restore.create", "restore", restore.id);
        return new RestoreService.Accepted(RestoreDtos.view(restore), true);
    }
}
