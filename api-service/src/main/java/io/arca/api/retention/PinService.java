package io.arca.api.retention;

import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.backup.Backup;
import io.arca.api.backup.BackupDtos.BackupView;
import io.arca.api.backup.BackupService;
import io.arca.api.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Pins and unpins backups. A pinned backup never expires and cannot be deleted. The backup row is locked while it is
 * pinned, so a retention evaluation either sees the pin (and leaves the backup) or has already marked it expiring (and
 * the pin is refused, 409): never both.
 */
@ApplicationScoped
public class PinService {
    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    BackupService backups;

    @Transactional
    public BackupView pin(UUID id, RetentionDtos.PinRequest request) {
        String reason = request == null || request.reason() == null ? null : request.reason().strip();
        if (reason == null || reason.isEmpty()) {
            throw ProblemException.invalid("reason", "reason is required: say why this backup must be kept");
        }
        if (reason.length() > RetentionDtos.MAX_REASON) {
            throw ProblemException.invalid("reason", "reason must be at most " + RetentionDtos.MAX_REASON
                    + " characters");
        }
        Backup b = locked(id);
        if (!"live".equals(b.lifecycle)) {
            throw ProblemException.conflict("backup " + id + " is " + b.lifecycle + " ("
                    + b.deletionReason + "): a backup on its way out cannot be pinned", null);
        }
        if ("failed".equals(b.state) || "cancelled".equals(b.state)) {
            throw ProblemException.conflict("backup " + id + " is " + b.state + ": it holds nothing to keep", null);
        }
        if (b.pinnedAt == null) {
            b.pinnedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
        b.pinReason = reason;
        audit.record("backup.pin", "backup", id, Map.of("reason", reason));
        return backups.get(id);
    }

    @Transactional
    public BackupView unpin(UUID id) {
        Backup b = locked(id);
        if (b.pinnedAt != null) {
            b.pinnedAt = null;
            b.pinReason = null;
            audit.record("backup.unpin", "backup", id);
            recheckScope(b);
        }
        return backups.get(id);
    }

    private Backup locked(UUID id) {
        Backup b = em.find(Backup.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (b == null || !b.tenantId.equals(caller.tenantId())) {
            throw ProblemException.notFound("backup", id);
        }
        return b;
    }

    /** An unpinned backup is judged by its scope's policy again: the scheduler's recheck takes unchecked scopes. */
    private void recheckScope(Backup b) {
        if (b.scheduleId != null) {
            em.createNativeQuery("update schedules set retention_checked_at = null where id = ?1")
                    .setParameter(1, b.scheduleId).executeUpdate();
        } else {
            em.createNativeQuery("update sources set retention_checked_at = null where id = ?1")
                    .setParameter(1, b.sourceId).executeUpdate();
        }
    }
}
