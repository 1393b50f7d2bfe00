package io.arca.jobs;

import io.arca.common.job.JobState;
import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.outbox.OutboxMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Cancels a job that has not finished: {@code pending|queued|running -> cancelled} (the guard comes from
 * {@link JobState}) with its {@code <kind>.cancelled} event. A worker running it notices at its next heartbeat,
 * which no longer matches a running row, and stops as it does after a lost lease, writing nothing more.
 */
public final class JobCancellation {
    private final Outbox outbox;

    public JobCancellation(Outbox outbox) {
        this.outbox = outbox;
    }

    /** @return false when the job had already finished (or is not the tenant's): nothing changed */
    public boolean cancel(Connection c, JobTable t, UUID jobId, UUID tenantId, String reason) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("update " + t.table() + " set state = ?, error = ?, "
                + "phase = 'cancelled', finished_at = now(), lease_expires_at = null, next_attempt_at = null, "
                + "updated_at = now(), version = version + 1 where id = ? and tenant_id = ? and state = any(?)")) {
            ps.setString(1, JobState.CANCELLED.wireName());
            ps.setString(2, reason);
            ps.setObject(3, jobId);
            ps.setObject(4, tenantId);
            ps.setArray(5, c.createArrayOf("text", JobTable.statesBefore(JobState.CANCELLED)));
            updated = ps.executeUpdate();
        }
        if (updated == 1) {
            outbox.append(c, OutboxMessage.event(JobMessages.event(t, jobId, tenantId, JobFact.CANCELLED,
                    JobState.CANCELLED, Map.of("reason", reason))));
        }
        return updated == 1;
    }
}
