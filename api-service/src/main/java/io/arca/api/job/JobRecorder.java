package io.arca.api.job;

import io.arca.common.job.JobState;
import io.arca.jobs.JobFact;
import io.arca.jobs.JobMessages;
import io.arca.jobs.JobTable;
import io.arca.jobs.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/**
 * Records a requested job of any kind in the caller's transaction: the pending row, its first job command (keyed
 * by {@code sourceId}, so one source's jobs stay ordered) and its {@code <kind>.requested} event. All or nothing.
 */
@ApplicationScoped
public class JobRecorder {
    private final OutboxWriter outbox;

    public JobRecorder(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** @param job a row filled by {@link JobRow#newPending} and its kind's own columns */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(JobTable table, JobRow job, UUID sourceId, Map<String, Object> requested) {
        job.persist();
        outbox.append(OutboxMessage.command(
                JobMessages.command(table, job.id, job.tenantId, sourceId, job.attempt, job.createdAt)));
        outbox.append(OutboxMessage.event(JobMessages.event(table, job.id, job.tenantId, JobFact.REQUESTED,
                JobState.PENDING, job.createdAt, requested)));
    }
}
