package io.arca.api.verify;

import io.arca.api.auth.Caller;
import io.arca.api.common.Cursor;
import io.arca.api.common.NewestFirst;
import io.arca.api.common.Page;
import io.arca.api.contents.BackupContents;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.job.UniqueViolations;
import io.arca.api.verify.VerificationDtos.VerificationView;
import io.arca.api.verify.VerificationDtos.VerifyRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/** Accepts verify requests (one verification of a backup at a time) and reads verifications. */
@ApplicationScoped
public class VerificationService {
    @Inject
    Caller caller;

    @Inject
    VerificationWriter writer;

    @Inject
    BackupContents contents;

    @Inject
    EntityManager em;

    /** The verification and whether this request created it ({@code false}: one was still to finish). */
    public record Accepted(VerificationView verification, boolean created) {
    }

    public Accepted create(UUID backupId, VerifyRequest request) {
        boolean deep = request != null && Boolean.TRUE.equals(request.deep());
        UUID target = request == null ? null : request.targetSourceId();
        if (deep && target == null) {
            throw new ProblemException(ProblemType.INVALID_VERIFY_OPTION, "a deep verify restores the backup into "
                    + "a scratch database: name the source whose server gets it (targetSourceId)", "targetSourceId");
        }
        if (!deep && target != null) {
            throw new ProblemException(ProblemType.INVALID_VERIFY_OPTION, "targetSourceId is for deep verifies "
                    + "only; a shallow verify reads the bucket alone (set deep: true to restore)", "targetSourceId");
        }
        var record = new VerificationWriter.NewVerification(caller.tenantId(), backupId, deep, target);
        try {
            return writer.record(record);
        } catch (RuntimeException e) {
            // Two concurrent requests for one backup: the loser hits verifications_one_active; by now the winner
            // has committed, so a second attempt finds and returns its verification.
            if (UniqueViolations.isUniqueViolation(e)) {
                return writer.record(record);
            }
            throw e;
        }
    }

    public VerificationView get(UUID id) {
        return Verification.findInTenant(caller.tenantId(), id).map(VerificationDtos::view)
                .orElseThrow(() -> ProblemException.notFound("verification", id));
    }

    /** The backup's verifications, newest first; keyset pagination. 404 for an unknown backup. */
    public Page<VerificationView> listOfBackup(UUID backupId, String limit, String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        Cursor after = Cursor.decode(cursor);
        contents.backup(backupId);
        List<Verification> rows = NewestFirst.inTenant("verifications", caller.tenantId())
                .where("backup_id = :backup", "backup", backupId)
                .fetch(em, Verification.class, after, pageSize);
        return Page.of(rows, pageSize, r -> r.createdAt, r -> r.id, VerificationDtos::view);
    }
}
