package io.arca.scheduler.retention;

import io.arca.common.job.JobState;
import io.arca.jobs.JobFact;
import io.arca.jobs.JobMessages;
import io.arca.jobs.JobTable;
import io.arca.jobs.PendingJobs;
import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Expires one backup on the caller's connection and transaction: the backup becomes {@code expiring} with the
 * deletion's reason and detail, its delete job is recorded (pending row, command and {@code delete.requested} event,
 * {@link PendingJobs}), and a {@code backup.expiring} event says why. Guarded: only a live, unpinned backup without an
 * unfinished delete job is expired, so a second evaluation, a concurrent one, a pin or a user's delete in between
 * make this a no-op rather than a second job (the row lock of the update serialises them).
 */
@ApplicationScoped
public class BackupExpiry {
    /** The states of a delete job that has not finished: at most one such job per backup (a unique index). */
    static final String[] UNFINISHED = Arrays.stream(JobState.values()).filter(s -> !s.isTerminal())
            .map(JobState::wireName).toArray(String[]::new);
    private static final String MARK = "update backups set lifecycle = 'expiring', deletion_requested_at = ?, "
            + "deletion_reason = ?, deletion_detail = ?, updated_at = ? "
            + "where id = ? and tenant_id = ? and lifecycle = 'live' and pinned_at is null and not exists ("
            + "select 1 from backup_deletions d where d.backup_id = backups.id and d.state = any(?))";

    private final PendingJobs jobs;
    private final Outbox outbox;

    public BackupExpiry(PendingJobs jobs, Outbox outbox) {
        this.jobs = jobs;
        this.outbox = outbox;
    }

    /** The backup to expire and why. {@code rules}: the policy summary, or what the failed cleanup applied. */
    public record Expiring(UUID backupId, UUID tenantId, UUID sourceId, UUID scheduleId, String jobState,
                           String reason, String rules, String detail) {
    }

    /** @return the delete job's id, or null when the guard found the backup no longer expirable */
    public UUID expire(Connection c, Expiring e, Instant now) throws SQLException {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement ps = c.prepareStatement(MARK)) {
            Array unfinished = c.createArrayOf("text", UNFINISHED);
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, e.reason());
            ps.setString(3, e.detail());
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setObject(5, e.backupId());
            ps.setObject(6, e.tenantId());
            ps.setArray(7, unfinished);
            if (ps.executeUpdate() == 0) {
                return null;
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backupId", e.backupId().toString());
        data.put("sourceId", e.sourceId().toString());
        data.put("scheduleId", e.scheduleId() == null ? null : e.scheduleId().toString());
        data.put("reason", e.reason());
        data.put("rules", e.rules());
        data.put("detail", e.detail());
        UUID job = jobs.record(c, JobTable.DELETIONS, e.tenantId(), e.sourceId(), new PendingJobs.Columns()
                .set("backup_id", e.backupId()).set("source_id", e.sourceId()).set("reason", e.reason())
                .set("detail", e.detail()), data, at);
        data.put("deleteJobId", job.toString());
        outbox.append(c, OutboxMessage.event(JobMessages.event(JobTable.BACKUPS, e.backupId(), e.tenantId(),
                JobFact.EXPIRING, JobState.fromWireName(e.jobState()), at, data)));
        return job;
    }
}
