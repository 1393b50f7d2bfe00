package io.arca.api.job;

import io.arca.jobs.JobCancellation;
import io.arca.jobs.JobTable;
import io.arca.jobs.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Cancels a job in the caller's (Hibernate) transaction: the job platform's {@link JobCancellation} (state guard from
 * the state machine, the cancelled event in the outbox) on the transaction's connection.
 */
@ApplicationScoped
public class JobCanceller {
    private final EntityManager em;
    private final JobCancellation cancellation;

    public JobCanceller(EntityManager em, Outbox outbox) {
        this.em = em;
        this.cancellation = new JobCancellation(outbox);
    }

    /** @return false when the job had already finished: nothing changed */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean cancel(JobTable table, UUID jobId, UUID tenantId, String reason) {
        return em.unwrap(Session.class).doReturningWork(c -> cancellation.cancel(c, table, jobId, tenantId, reason));
    }
}
