package io.arca.scheduler.retention;

import io.agroal.api.AgroalDataSource;
import io.arca.scheduler.config.RetentionConfig;
import io.arca.scheduler.config.SchedulerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deletes failed and cancelled backups once older than {@code arca.retention.failed-max-age} (measured from the end of
 * their job), whatever the retention policy: they count for no rule, and the chunk references a failed run left
 * behind hold chunks that garbage collection could otherwise free. One batch per transaction, rows locked
 * {@code FOR UPDATE SKIP LOCKED} so replicas take different ones; each gets a delete job with reason
 * {@code failed-cleanup} through {@link BackupExpiry}. Pinned ones are kept.
 */
@ApplicationScoped
public class FailedCleanup {
    private static final String DUE = "select id, tenant_id, source_id, schedule_id, state, "
            + "coalesce(finished_at, created_at) from backups b "
            + "where state in ('failed', 'cancelled') and lifecycle = 'live' and pinned_at is null "
            + "and coalesce(finished_at, created_at) < ? and not exists (select 1 from backup_deletions d "
            + "where d.backup_id = b.id and d.state = any(?)) "
            + "order by coalesce(finished_at, created_at) limit ? for update of b skip locked";

    private final AgroalDataSource db;
    private final BackupExpiry expiry;
    private final RetentionConfig config;
    private final SchedulerConfig scheduler;

    public FailedCleanup(AgroalDataSource db, BackupExpiry expiry, RetentionConfig config, SchedulerConfig scheduler) {
        this.db = db;
        this.expiry = expiry;
        this.config = config;
        this.scheduler = scheduler;
    }

    /** A batch's outcome: rows taken and how many got a delete job. */
    public record Batch(int taken, int expired) {
    }

    @Transactional
    public Batch cleanBatch(Instant now) throws SQLException {
        Instant cutoff = now.minus(config.failedMaxAge());
        try (Connection c = db.getConnection()) {
            List<BackupExpiry.Expiring> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DUE)) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
                ps.setArray(2, c.createArrayOf("text", BackupExpiry.UNFINISHED));
                ps.setInt(3, scheduler.sweepBatchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String state = rs.getString(5);
                        String detail = "failed cleanup at " + now + ": " + state + " backup, ended "
                                + rs.getTimestamp(6).toInstant() + ", older than " + config.failedMaxAge();
                        due.add(new BackupExpiry.Expiring(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), state, "failed-cleanup",
                                "failed-max-age " + config.failedMaxAge(), detail));
                    }
                }
            }
            int expired = 0;
            for (BackupExpiry.Expiring e : due) {
                if (expiry.expire(c, e, now) != null) {
                    expired++;
                }
            }
            return new Batch(due.size(), expired);
        }
    }
}
