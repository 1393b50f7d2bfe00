package io.arca.api.verify;

import io.arca.api.audit.AuditLog;
import io.arca.api.backup.Backup;
import io.arca.api.contents.BackupContents;
import io.arca.api.deletion.BackupLifecycle;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.job.JobRecorder;
import io.arca.api.source.Source;
import io.arca.jobs.JobTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The transaction of a verify request: the verification row ({@code pending}), its job message (keyed by the
 * backup's source) and {@code verify.requested} event, and the audit row; or the verification of that backup that is
 * still to finish, when there is one.
 */
@ApplicationScoped
class VerificationWriter {

    @Inject
    JobRecorder jobs;

    @Inject
    AuditLog audit;

    record NewVerification(UUID tenantId, UUID backupId, boolean deep, UUID targetSourceId) {
    }

    @Transactional
    VerificationService.Accepted record(NewVerification request) {
        Backup backup = BackupLifecycle.findForRead(request.tenantId(), request.backupId())
                .orElseThrow(() -> ProblemException.notFound("backup", request.backupId()));
        BackupContents.requireCompleted(backup, "verified");
        if (request.targetSourceId() != null && Source.findInTenant(request.tenantId(), request.targetSourceId())
                .isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "target source " + request.targetSourceId() + " not found", "targetSourceId");
        }
        var running = Verification.findActive(request.tenantId(), backup.id);
        if (running.isPresent()) {
            return new VerificationService.Accepted(VerificationDtos.view(running.get()), false);
        }
        Verification v = new Verification();
        v.newPending(request.tenantId());
        v.backupId = backup.id;
        v.sourceId = backup.sourceId;
        v.deep = request.deep();
        v.targetSourceId = request.targetSourceId();
        v.problems = List.of();
        Map<String, Object> requested = new HashMap<>();
        requested.put("backupId", backup.id.toString());
        requested.put("deep", v.deep);
        if (v.targetSourceId != null) {
            requested.put("targetSourceId", v.targetSourceId.toString());
        }
        jobs.record(JobTable.VERIFICATIONS, v, v.sourceId, requested);
        audit.record("verification.create", "verification", v.id);
        return new VerificationService.Accepted(VerificationDtos.view(v), true);
    }
}
