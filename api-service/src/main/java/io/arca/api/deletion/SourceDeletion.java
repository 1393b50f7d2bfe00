package io.arca.api.deletion;

import io.arca.api.backup.Backup;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.source.Source;
import io.arca.jobs.JobTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code DELETE /api/v1/sources/{id}[?deleteBackups=true]}, in one transaction with the source row locked:
 * <ul>
 * <li>refused (409 {@code unfinished-jobs}, naming them) while a backup, restore, export or verification of the source
 * has not ended;</li>
 * <li>without the flag, refused (409 {@code source-has-backups}, with the count) while backups that are not deleted
 * exist;</li>
 * <li>otherwise: every live backup gets a delete job (reason {@code source-deleted}; pinned ones refuse the whole
 * request, 409 {@code backup-pinned}), the source's schedules are deleted, and the source is marked deleted (the row
 * stays as the history of its backups and answers 404; its name is free again). A source without any history (no
 * backup or restore ever) is removed outright, as before.</li>
 * </ul>
 */
@ApplicationScoped
public class SourceDeletion {
    @Inject
    DeletionRequests requests;
    @Inject
    EntityManager em;

    /** @return the delete jobs requested */
    @Transactional
    public int delete(UUID tenantId, UUID sourceId, boolean deleteBackups) {
        Source source = Source.find("tenantId = ?1 and id = ?2 and deletedAt is null", tenantId, sourceId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).<Source>firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("source", sourceId));
        List<String> unfinished = unfinishedJobs(tenantId, sourceId);
        if (!unfinished.isEmpty()) {
            throw new ProblemException(ProblemType.UNFINISHED_JOBS, "source " + sourceId + " has unfinished jobs: "
                    + String.join(", ", unfinished) + "; cancel them or wait until they end", null);
        }
        long backups = count("select count(*) from backups where tenant_id = ?1 and source_id = ?2 "
                + "and lifecycle <> 'deleted'", tenantId, sourceId);
        if (backups > 0 && !deleteBackups) {
            throw new ProblemException(ProblemType.SOURCE_HAS_BACKUPS, "source " + sourceId + " has " + backups
                    + " backup" + (backups == 1 ? "" : "s") + "; delete them first, or delete the source with "
                    + "deleteBackups=true", "deleteBackups");
        }
        long pinned = count("select count(*) from backups where tenant_id = ?1 and source_id = ?2 "
                + "and lifecycle = 'live' and pinned_at is not null", tenantId, sourceId);
        if (pinned > 0) {
            throw new ProblemException(ProblemType.BACKUP_PINNED, "source " + sourceId + " has " + pinned
                    + " pinned backup" + (pinned == 1 ? "" : "s") + "; unpin them before deleting the source", null);
        }
        int requested = 0;
        List<Backup> live = Backup.find("tenantId = ?1 and sourceId = ?2 and lifecycle = 'live'", tenantId, sourceId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        for (Backup backup : live) {
            requested += requests.request(backup, "source-deleted", "source " + sourceId + " deleted").created() ? 1 : 0;
        }
        em.createNativeQuery("delete from schedules where tenant_id = ?1 and source_id = ?2")
                .setParameter(1, tenantId).setParameter(2, sourceId).executeUpdate();
        if (hasHistory(tenantId, sourceId)) {
            source.deletedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        } else {
            source.delete();
        }
        return requested;
    }

    private List<String> unfinishedJobs(UUID tenantId, UUID sourceId) {
        String[] states = JobTable.unfinishedStates();
        List<String> jobs = new ArrayList<>();
        add(jobs, "backup", count("select count(*) from backups where tenant_id = ?1 and source_id = ?2 "
                + "and state = any(?3)", tenantId, sourceId, states));
        add(jobs, "restore", count("select count(*) from restores where tenant_id = ?1 and target_source_id = ?2 "
                + "and state = any(?3)", tenantId, sourceId, states));
        add(jobs, "export", count("select count(*) from exports where tenant_id = ?1 and source_id = ?2 "
                + "and state = any(?3)", tenantId, sourceId, states));
        add(jobs, "verification", count("select count(*) from verifications where tenant_id = ?1 "
                + "and (source_id = ?2 or target_source_id = ?2) and state = any(?3)", tenantId, sourceId, states));
        return jobs;
    }

    private boolean hasHistory(UUID tenantId, UUID sourceId) {
        return count("select (select count(*) from backups where tenant_id = ?1 and source_id = ?2) "
                + "+ (select count(*) from restores where tenant_id = ?1 and target_source_id = ?2) "
                + "+ (select count(*) from verifications where tenant_id = ?1 and target_source_id = ?2)",
                tenantId, sourceId) > 0;
    }

    private long count(String sql, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    private static void add(List<String> jobs, String what, long count) {
        if (count > 0) {
            jobs.add(count + " " + what + (count == 1 ? "" : "s"));
        }
    }
}
