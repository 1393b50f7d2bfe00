package io.arca.schedule.fire;

import io.arca.common.job.JobState;
import io.arca.jobs.JobMessages;
import io.arca.jobs.JobTable;
import io.arca.jobs.PendingJobs;
import io.arca.jobs.PendingJobs.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What one fire of a schedule records, on the caller's connection and in its transaction (the scheduler's timetable
 * and the API's run-now share it): the {@code schedule_fires} row, and either a backup job exactly like one of
 * {@code POST /backups} ({@code pending}, its command and {@code backup.requested} event through
 * {@link PendingJobs}; plus {@code origin = 'schedule'}, the schedule, the slot and how late it fired) or, when the
 * schedule's previous backup is still pending, queued or running and its overlap rule is {@code skip}, a skipped fire
 * with the reason. The unique key on (schedule, fire time) makes a second fire of one slot a no-op.
 */
public final class ScheduleFires {
    private final PendingJobs jobs;

    public ScheduleFires(PendingJobs jobs) {
        this.jobs = jobs;
    }

    /** Why a fire happened: the timetable, or a user's run-now. */
    public enum Trigger {
        TIMETABLE("timetable"), MANUAL("manual");

        private final String wireName;

        Trigger(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The schedule's columns a fire needs; JSON columns as text. */
    public record Schedule(UUID id, UUID tenantId, UUID sourceId, String type, String backupOptionsJson,
                           String labelsJson, boolean queueOnOverlap) {
    }

    /** A recorded fire: {@code created} with its backup, or {@code skipped} with the reason. */
    public record Fire(long id, Instant fireTime, String trigger, boolean created, String reason, UUID backupId) {
    }

    /**
     * Records the fire of {@code slot} at {@code now}.
     *
     * @param note what the reason of a created fire says (e.g. how many earlier slots were missed); may be null
     * @return the fire, or empty when this slot of this schedule had already fired
     */
    public Optional<Fire> fire(Connection c, Schedule s, Instant slot, Instant now, Trigger trigger, String note)
            throws SQLException {
        Instant fireTime = slot.truncatedTo(ChronoUnit.MICROS);
        Instant recordedAt = now.truncatedTo(ChronoUnit.MICROS);
        String busy = s.queueOnOverlap() ? null : unfinishedBackup(c, s.id());
        String reason = busy == null ? note : busy + " (overlap: skip)";
        Long fireId = insertFire(c, s, fireTime, recordedAt, trigger, busy == null, reason);
        if (fireId == null) {
            return Optional.empty();
        }
        if (busy != null) {
            return Optional.of(new Fire(fireId, fireTime, trigger.wireName(), false, reason, null));
        }
        long lateByMs = Math.max(0, Duration.between(fireTime, recordedAt).toMillis());
        Map<String, Object> requested = JobMessages.backupRequested(s.sourceId(), s.type());
        requested.put("origin", "schedule");
        requested.put("scheduleId", s.id().toString());
        UUID backupId = jobs.record(c, JobTable.BACKUPS, s.tenantId(), s.sourceId(), new PendingJobs.Columns()
                        .set("source_id", s.sourceId())
                        .set("type", s.type())
                        .set("options", new Json(s.backupOptionsJson()))
                        .set("labels", new Json(s.labelsJson()))
                        .set("origin", "schedule")
                        .set("schedule_id", s.id())
                        .set("scheduled_for", fireTime)
                        .set("late_by_ms", lateByMs),
                requested, recordedAt);
        try (PreparedStatement ps = c.prepareStatement("update schedule_fires set backup_id = ? where id = ?")) {
            ps.setObject(1, backupId);
            ps.setLong(2, fireId);
            ps.executeUpdate();
        }
        return Optional.of(new Fire(fireId, fireTime, trigger.wireName(), true, reason, backupId));
    }

    /** "backup X of this schedule is still running", or null when none is unfinished. */
    private static String unfinishedBackup(Connection c, UUID scheduleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, state from backups where schedule_id = ? "
                + "and state in (?, ?, ?) order by created_at desc limit 1")) {
            ps.setObject(1, scheduleId);
            ps.setString(2, JobState.PENDING.wireName());
            ps.setString(3, JobState.QUEUED.wireName());
            ps.setString(4, JobState.RUNNING.wireName());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? "backup " + rs.getObject(1) + " of this schedule is still " + rs.getString(2)
                        : null;
            }
        }
    }

    /** @return the new fire's id, or null when the slot already has a fire */
    private static Long insertFire(Connection c, Schedule s, Instant fireTime, Instant recordedAt, Trigger trigger,
            boolean created, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into schedule_fires (schedule_id, tenant_id, "
                + "fire_time, recorded_at, trigger, outcome, reason) values (?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (schedule_id, fire_time) do nothing returning id")) {
            ps.setObject(1, s.id());
            ps.setObject(2, s.tenantId());
            ps.setTimestamp(3, Timestamp.from(fireTime));
            ps.setTimestamp(4, Timestamp.from(recordedAt));
            ps.setString(5, trigger.wireName());
            ps.setString(6, created ? "created" : "skipped");
            ps.setString(7, reason);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
