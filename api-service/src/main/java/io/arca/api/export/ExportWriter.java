package io.arca.api.export;

import io.arca.api.audit.AuditLog;
import io.arca.api.backup.Backup;
import io.arca.api.backup.CorruptedBackups;
import io.arca.api.contents.BackupContents;
import io.arca.api.deletion.BackupLifecycle;
import io.arca.api.error.ProblemException;
import io.arca.api.job.JobCanceller;
import io.arca.api.job.JobRecorder;
import io.arca.export.ExportRequest;
import io.arca.jobs.JobTable;
import io.arca.jobs.options.ExportOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The transactions of the export endpoints: a request (the export row {@code pending} with its expiry, its job
 * message keyed by the backup's source and {@code export.requested} event, the audit row) and a delete (expiry now,
 * and a cancel when it has not finished).
 */
@ApplicationScoped
class ExportWriter {

    @Inject
    JobRecorder jobs;

    @Inject
    JobCanceller canceller;

    @Inject
    AuditLog audit;

    @Inject
    ExportsConfig config;

    @Inject
    EntityManager em;

    /** A request checked against the backup's contents, ready to record. */
    record NewExport(UUID tenantId, UUID backupId, ExportRequest request, boolean force) {
    }

    @Transactional
    Export record(NewExport request) {
        // checked again in this transaction: the checks before it read the backup without a lock
        Backup backup = BackupLifecycle.findForRead(request.tenantId(), request.backupId())
                .orElseThrow(() -> ProblemException.notFound("backup", request.backupId()));
        BackupContents.requireCompleted(backup, "exported");
        if (backup.corrupted && !request.force()) {
            throw CorruptedBackups.refusal(backup, "exported");
        }
        Export export = new Export();
        var now = export.newPending(request.tenantId());
        export.backupId = backup.id;
        export.sourceId = backup.sourceId;
        export.format = request.request().format().wireName();
        export.compression = request.request().compression().wireName();
        export.options = new ExportOptions(request.request().tables(), request.force());
        export.expiresAt = now.plus(Duration.ofDays(config.retentionDays()));
        jobs.record(JobTable.EXPORTS, export, export.sourceId, Map.of("backupId", backup.id.toString(),
                "format", export.format, "compression", export.compression));
        audit.record("export.create", "export", export.id);
        return export;
    }

    /** Expires the export now (the scheduler deletes its file) and cancels it when it has not finished. */
    @Transactional
    Export expireNow(UUID tenantId, UUID id) {
        Export export = Export.findInTenant(tenantId, id).orElseThrow(() -> ProblemException.notFound("export", id));
        canceller.cancel(JobTable.EXPORTS, id, tenantId, "cancelled: the export was deleted");
        em.createNativeQuery("update exports set expires_at = least(expires_at, now()), updated_at = now() "
                + "where id = :id and tenant_id = :tenant").setParameter("id", id).setParameter("tenant", tenantId)
                .executeUpdate();
        em.refresh(export);
        audit.record("export.delete", "export", id);
        return export;
    }
}
