package io.arca.api.backup;

import io.arca.api.audit.AuditLog;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.job.JobRecorder;
import io.arca.api.source.Source;
import io.arca.jobs.JobMessages;
import io.arca.jobs.JobTable;
import io.arca.jobs.options.BackupOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/**
 * The transaction of a backup request: the backup row ({@code pending}), its job message and its
 * {@code backup.requested} event in the outbox, and the audit row, all or nothing.
 */
@ApplicationScoped
class BackupWriter {

    @Inject
    JobRecorder jobs;

    @Inject
    AuditLog audit;

    /** A validated request, ready to record. */
    record NewBackup(UUID tenantId, UUID sourceId, BackupOptions options, Map<String, String> labels,
                     String idempotencyKey, String requestHash) {
    }

    /** @return the recorded backup and whether this call created it (false: an idempotent replay) */
    @Transactional
    BackupService.Accepted record(NewBackup request) {
        if (request.idempotencyKey() != null) {
            var existing = Backup.findByIdempotencyKey(request.tenantId(), request.idempotencyKey());
            if (existing.isPresent()) {
                if (!request.requestHash().equals(existing.get().requestHash)) {
                    throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                            "this Idempotency-Key was used for a different request", "Idempotency-Key");
                }
                return new BackupService.Accepted(BackupDtos.view(existing.get()), false);
            }
        }
        if (Source.findInTenant(request.tenantId(), request.sourceId()).isEmpty()) {
            throw new ProblemException(ProblemType.UNKNOWN_SOURCE,
                    "source " + request.sourceId() + " not found", "sourceId");
        }
        Backup backup = new Backup();
        backup.newPending(request.tenantId());
        backup.sourceId = request.sourceId();
        backup.type = request.options().type();
        backup.options = request.options();
        backup.labels = request.labels();
        backup.idempotencyKey = request.idempotencyKey();
        backup.requestHash = request.requestHash();
        jobs.record(JobTable.BACKUPS, backup, backup.sourceId,
                JobMessages.backupRequested(backup.sourceId, backup.type));
        audit.record("backup.create", "backup", backup.id);
        return new BackupService.Accepted(BackupDtos.view(backup), true);
    }
}
