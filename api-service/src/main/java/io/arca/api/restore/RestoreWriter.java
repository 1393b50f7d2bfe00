package io.arca.api.restore;

import io.arca.api.audit.AuditLog;
import io.arca.api.backup.Backup;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.outbox.OutboxWriter;
import io.arca.api.restore.RestoreDtos.RestoreView;
import io.arca.api.source.Source;
import io.arca.common.job.JobState;
import io.arca.jobs.JobMessages;
import io.arca.jobs.JobTable;
import io.arca.jobs.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * The transaction of a restore request: the restore row ({@code pending}), its job message (key = target source,
 * so jobs against one server stay ordered) and its {@code restore.requested} event in the outbox, and the audit row.
 */
@ApplicationScoped
class RestoreWriter {

    @Inject
    OutboxWriter outbox;

    @Inject
    AuditLog audit;

    record NewRestore(UUID tenantId, UUID backupId, UUID targetSourceId, String targetDatabase) {
    }

    @Transactional
    RestoreView record(NewRestore request) {
        // Another tenant's backup or source answers exactly like a missing one.
        Backup backup = Backup.findInTenant(request.tenantId(), request.backupId())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "backup " + request.backupId() + " not found", "backupId"));
        Source target = Source.findInTenant(request.tenantId(), request.targetSourceId())
                .orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_SOURCE,
                        "source " + request.targetSourceId() + " not found", "target.sourceId"));
        RestoreService.checkRestorable(backup, target, request.targetDatabase());

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Restore restore = new Restore();
        restore.id = UUID.randomUUID();
        restore.tenantId = request.tenantId();
        restore.backupId = backup.id;
        restore.targetSourceId = target.id;
        restore.targetDatabase = request.targetDatabase();
        restore.state = JobState.PENDING.wireName();
        restore.attempt = 1;
        restore.createdAt = now;
        restore.updatedAt = now;
        restore.persist();

        outbox.append(OutboxMessage.command(JobMessages.command(JobTable.RESTORES, restore.id, restore.tenantId,
                restore.targetSourceId, restore.attempt, now)));
        outbox.append(OutboxMessage.event(JobMessages.event(JobTable.RESTORES, restore.id, restore.tenantId,
                "requested", JobState.PENDING, now, Map.of("backupId", backup.id.toString(),
                        "targetSourceId", target.id.toString(), "targetDatabase", restore.targetDatabase))));
        audit.record("restore.create", "restore", restore.id);
        return RestoreDtos.view(restore);
    }
}
