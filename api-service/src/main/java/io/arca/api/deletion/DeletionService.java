package io.arca.api.deletion;

import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.common.Cursor;
import io.arca.api.common.NewestFirst;
import io.arca.api.common.Page;
import io.arca.api.common.QueryParams;
import io.arca.api.deletion.DeletionDtos.DeletionView;
import io.arca.api.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Deleting a backup on a user's request, and reading delete jobs. */
@ApplicationScoped
public class DeletionService {
    @Inject
    Caller caller;
    @Inject
    DeletionRequests requests;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;

    /** The delete job and whether this request created it ({@code false}: the backup's unfinished one). */
    public record Accepted(DeletionView deletion, boolean created) {
    }

    /** {@code DELETE /api/v1/backups/{id}}: 404 for an unknown or another tenant's backup. */
    @Transactional
    public Accepted deleteBackup(UUID backupId) {
        var backup = DeletionRequests.lock(caller.tenantId(), backupId)
                .orElseThrow(() -> ProblemException.notFound("backup", backupId));
        DeletionRequests.Requested requested = requests.request(backup, "user", "api key " + caller.keyId());
        if (requested.created()) {
            audit.record("backup.delete", "backup", backupId);
        }
        return new Accepted(DeletionDtos.view(requested.deletion()), requested.created());
    }

    public DeletionView get(UUID id) {
        return BackupDeletion.findInTenant(caller.tenantId(), id).map(DeletionDtos::view)
                .orElseThrow(() -> ProblemException.notFound("deletion", id));
    }

    /** Newest first, optionally of one backup or one source; keyset pagination. */
    public Page<DeletionView> list(String backupIdText, String sourceIdText, String limit, String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        UUID backupId = QueryParams.optionalUuid(backupIdText, "backupId");
        UUID sourceId = QueryParams.optionalUuid(sourceIdText, "sourceId");
        Cursor after = Cursor.decode(cursor);
        List<BackupDeletion> rows = NewestFirst.inTenant("backup_deletions", caller.tenantId())
                .whereIfGiven("backup_id = :backup", "backup", backupId)
                .whereIfGiven("source_id = :source", "source", sourceId)
                .fetch(em, BackupDeletion.class, after, pageSize);
        return Page.of(rows, pageSize, r -> r.createdAt, r -> r.id, DeletionDtos::view);
    }
}
