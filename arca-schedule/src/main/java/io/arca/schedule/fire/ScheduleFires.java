package io.arca.schedule.fire;

import io.arca.common.job.JobState;
import io.arca.common.messages.ArcaEvent;
import io.arca.jobs.JobMessages;
import io.arca.jobs.JobTable;
import io.arca.jobs.PendingJobs.Json;
import io.arca.jobs.PendingJobs;
import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.outbox.OutboxMessage;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a fire of a schedule records, on the caller's connection and in its transaction (the scheduler's timetable
 * and the API's run-now share it): the {@code schedule_fires} row, and either a backup job exactly like one of
 * {@code POST /backups} ({@code pending}, its command and {@code backup.requested} event through
 * {@link PendingJobs}; plus {@code origin = 'schedule'}, the schedule, the slot and how late it fired) or, when the
 * schedule's previous backup is still pending, queued or running and its overlap rule is {@code skip}, a skipped fire
 * with the reason and a public {@code schedule.skipped} event (through the outbox, same transaction). The unique key
 * on (schedule, fire time) makes a second fire of one slot a no-op. A batch of slots takes a handful of statements,
 * not a handful per slot.
 */
public final class ScheduleFires {
    /** The public event of a skipped fire (io.arca.events.EventType#SCHEDULE_SKIPPED). */
    public static final String SKIPPED_EVENT = "schedule.skipped";

    private final PendingJobs pendingJobs;
    private final Outbox outbox;

    public ScheduleFires(PendingJobs pendingJobs, Outbox outbox) {
        this.pendingJobs = pendingJobs;
        this.outbox = outbox;
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

    /** One slot to fire: the schedule, the slot, why, and what a created fire's reason says (may be null). */
    public record Slot(Schedule schedule, Instant slot, Trigger trigger, String note) {
    }

    /** A recorded fire: {@code created} with its backup, or {@code skipped} with the reason. */
    public record Fire(long id, UUID scheduleId, Instant fireTime, String trigger, boolean created, String reason,
                       UUID backupId) {
    }

    /**
     * Records the fire of {@code slot} at {@code now}.
     *
     * @param note what the reason of a created fire says (e.g. how many earlier slots were missed); may be null
     * @return the fire, or empty when this slot of this schedule had already fired
     */
    public Optional<Fire> fire(Connection c, Schedule s, Instant slot, Instant now, Trigger trigger, String note)
            throws SQLException {
        return fireAll(c, List.of(new Slot(s, slot, trigger, note)), now).stream().findFirst();
    }

    /**
     * Records the fires of several slots, each of a different schedule, at {@code now}.
     *
     * @return the fires recorded; a slot that had already fired has none
     */
    public List<Fire> fireAll(Connection c, List<Slot> slots, Instant now) throws SQLException {
        Instant recordedAt = now.truncatedTo(ChronoUnit.MICROS);
        Map<UUID, Busy> busy = unfinishedBackups(c, slots.stream().map(Slot::schedule)
                .filter(s -> !s.queueOnOverlap()).map(Schedule::id).toList());
        Map<UUID, Slot> bySchedule = new HashMap<>();
        slots.forEach(slot -> bySchedule.put(slot.schedule().id(), slot));
        List<Fire> fires = insertFires(c, slots, busy, recordedAt);
        List<PendingJobs.NewJob> backups = new ArrayList<>();
        for (Fire fire : fires) {
            if (fire.created()) {
                backups.add(backup(bySchedule.get(fire.scheduleId()).schedule(), fire.fireTime(), recordedAt));
            }
        }
        List<UUID> backupIds = pendingJobs.recordAll(c, JobTable.BACKUPS, backups, recordedAt);
        List<Fire> result = new ArrayList<>(fires.size());
        List<Long> createdFires = new ArrayList<>();
        List<OutboxMessage> skipped = new ArrayList<>();
        int next = 0;
        for (Fire fire : fires) {
            if (!fire.created()) {
                skipped.add(OutboxMessage.event(skippedEvent(bySchedule.get(fire.scheduleId()).schedule(), fire,
                        busy.get(fire.scheduleId()), recordedAt)));
            }
            if (fire.created()) {
                UUID backupId = backupIds.get(next++);
                createdFires.add(fire.id());
                fire = new Fire(fire.id(), fire.scheduleId(), fire.fireTime(), fire.trigger(), true, fire.reason(),
                        backupId);
            }
            result.add(fire);
        }
        linkBackups(c, createdFires, backupIds);
        outbox.appendAll(c, skipped);
        return result;
    }

    /** schedule.skipped: subject {scheduleId, sourceId}; data {scheduledFor, runningBackupId, sourceName, ...}. */
    private static ArcaEvent skippedEvent(Schedule s, Fire fire, Busy busy, Instant recordedAt) {
        Map<String, String> subject = new LinkedHashMap<>();
        subject.put("scheduleId", s.id().toString());
        subject.put("sourceId", s.sourceId().toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scheduledFor", fire.fireTime().toString());
        data.put("runningBackupId", busy.backupId().toString());
        data.put("runningBackupState", busy.state());
        data.put("sourceName", busy.sourceName());
        data.put("trigger", fire.trigger());
        data.put("reason", fire.reason());
        return new ArcaEvent(ArcaEvent.CURRENT_VERSION, UUID.randomUUID(), SKIPPED_EVENT, recordedAt, s.tenantId(),
                subject, data);
    }

    private static PendingJobs.NewJob backup(Schedule s, Instant fireTime, Instant recordedAt) {
        Map<String, Object> requested = JobMessages.backupRequested(s.sourceId(), s.type());
        requested.put("origin", "schedule");
        requested.put("scheduleId", s.id().toString());
        return new PendingJobs.NewJob(s.tenantId(), s.sourceId(), new PendingJobs.Columns()
                .set("source_id", s.sourceId())
                .set("type", s.type())
                .set("options", new Json(s.backupOptionsJson()))
                .set("labels", new Json(s.labelsJson()))
                .set("origin", "schedule")
                .set("schedule_id", s.id())
                .set("scheduled_for", fireTime)
                .set("late_by_ms", Math.max(0, Duration.between(fireTime, recordedAt).toMillis())), requested);
    }

    /** A schedule's newest unfinished backup, which makes a fire under overlap {@code skip} a skipped one. */
    private record Busy(UUID backupId, String state, String sourceName) {
        String reason() {
            return "backup " + backupId + " of this schedule is still " + state + " (overlap: skip)";
        }
    }

    /** Per schedule: its newest unfinished backup, for those with one. */
    private static Map<UUID, Busy> unfinishedBackups(Connection c, List<UUID> scheduleIds) throws SQLException {
        Map<UUID, Busy> busy = new HashMap<>();
        if (scheduleIds.isEmpty()) {
            return busy;
        }
        try (PreparedStatement ps = c.prepareStatement("select distinct on (b.schedule_id) b.schedule_id, b.id, "
                + "b.state, s.name from backups b join sources s on s.id = b.source_id "
                + "where b.schedule_id = any(?) and b.state in (?, ?, ?) "
                + "order by b.schedule_id, b.created_at desc")) {
            ps.setArray(1, c.createArrayOf("uuid", scheduleIds.toArray()));
            ps.setString(2, JobState.PENDING.wireName());
            ps.setString(3, JobState.QUEUED.wireName());
            ps.setString(4, JobState.RUNNING.wireName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    busy.put(rs.getObject(1, UUID.class), new Busy(rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4)));
                }
            }
        }
        return busy;
    }

    /** One insert for all slots; a slot that already has a fire is left out of the result. */
    private static List<Fire> insertFires(Connection c, List<Slot> slots, Map<UUID, Busy> busy,
            Instant recordedAt) throws SQLException {
        int n = slots.size();
        Object[] schedules = new Object[n];
        Object[] tenants = new Object[n];
        Object[] times = new Object[n];
        Object[] triggers = new Object[n];
        Object[] outcomes = new Object[n];
        Object[] reasons = new Object[n];
        for (int i = 0; i < n; i++) {
            Slot slot = slots.get(i);
            Busy skipped = busy.get(slot.schedule().id());
            schedules[i] = slot.schedule().id();
            tenants[i] = slot.schedule().tenantId();
            times[i] = slot.slot().truncatedTo(ChronoUnit.MICROS).toString();
            triggers[i] = slot.trigger().wireName();
            outcomes[i] = skipped == null ? "created" : "skipped";
            reasons[i] = skipped == null ? slot.note() : skipped.reason();
        }
        List<Fire> fires = new ArrayList<>(n);
        try (PreparedStatement ps = c.prepareStatement("insert into schedule_fires (schedule_id, tenant_id, "
                + "fire_time, recorded_at, trigger, outcome, reason) select s, t, cast(f as timestamptz), ?, g, o, r "
                + "from unnest(?, ?, ?, ?, ?, ?) as v(s, t, f, g, o, r) "
                + "on conflict (schedule_id, fire_time) do nothing "
                + "returning id, schedule_id, fire_time, trigger, outcome, reason")) {
            ps.setTimestamp(1, Timestamp.from(recordedAt));
            ps.setArray(2, c.createArrayOf("uuid", schedules));
            ps.setArray(3, c.createArrayOf("uuid", tenants));
            ps.setArray(4, c.createArrayOf("text", times));
            ps.setArray(5, c.createArrayOf("text", triggers));
            ps.setArray(6, c.createArrayOf("text", outcomes));
            ps.setArray(7, c.createArrayOf("text", reasons));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fires.add(new Fire(rs.getLong(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                            rs.getString(4), "created".equals(rs.getString(5)), rs.getString(6), null));
                }
            }
        }
        return fires;
    }

    private static void linkBackups(Connection c, List<Long> fireIds, List<UUID> backupIds) throws SQLException {
        if (fireIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update schedule_fires f set backup_id = v.b "
                + "from unnest(?, ?) as v(id, b) where f.id = v.id")) {
            Array ids = c.createArrayOf("bigint", fireIds.toArray());
            ps.setArray(1, ids);
            ps.setArray(2, c.createArrayOf("uuid", backupIds.toArray()));
            ps.executeUpdate();
        }
    }
}
