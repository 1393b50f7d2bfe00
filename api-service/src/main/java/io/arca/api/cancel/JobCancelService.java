package io.arca.api.cancel;

import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.job.JobCanceller;
import io.arca.jobs.JobTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Cancels a backup, restore or verification of the caller's tenant that has not finished (the job platform's
 * {@code JobCancellation}: state guard, {@code <kind>.cancelled} event through the outbox; a worker running it stops at
 * its next heartbeat and writes nothing more). Cancelling a cancelled job again changes nothing (idempotent); one that
 * completed or failed is refused with {@code job-finished}.
 */
@ApplicationScoped
public class JobCancelService {
    private final Caller caller;
    private final JobCanceller canceller;
    private final EntityManager em;
    private final AuditLog audit;

    public JobCancelService(Caller caller, JobCanceller canceller, EntityManager em, AuditLog audit) {
        this.caller = caller;
        this.canceller = canceller;
        this.em = em;
        this.audit = audit;
    }

    /** @param what the job's name in messages: backup, restore, verification */
    @Transactional
    public void cancel(JobTable table, String what, UUID id) {
        UUID tenant = caller.tenantId();
        String state = state(table, what, id, tenant);
        if ("cancelled".equals(state)) {
            return;
        }
        if (!"completed".equals(state) && !"failed".equals(state)
                && canceller.cancel(table, id, tenant, "cancelled by request")) {
            audit.record(what + ".cancel", what, id);
            return;
        }
        // finished before (or while) we asked
        String now = state(table, what, id, tenant);
        if (!"cancelled".equals(now)) {
            throw new ProblemException(ProblemType.JOB_FINISHED, what + " " + id + " already " + now
                    + ": there is nothing to cancel", null);
        }
    }

    private String state(JobTable table, String what, UUID id, UUID tenant) {
        @SuppressWarnings("unchecked")
        List<Object> states = em.createNativeQuery("select state from " + table.table()
                + " where id = :id and tenant_id = :tenant").setParameter("id", id).setParameter("tenant", tenant)
                .getResultList();
        if (states.isEmpty()) {
            throw ProblemException.notFound(what, id);
        }
        return String.valueOf(states.get(0));
    }
}
