package io.arca.scheduler.schedules;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.schedule.Timetable;
import io.arca.schedule.Timing;
import io.arca.schedule.fire.ScheduleFires;
import io.arca.schedule.fire.ScheduleFires.Slot;
import io.arca.schedule.fire.ScheduleFires.Trigger;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One batch of due schedules, on the caller's connection and in its transaction: claims enabled schedules whose
 * {@code next_run_at} has come ({@code FOR UPDATE SKIP LOCKED}, so replicas take different rows and a replica that
 * dies mid-batch releases its rows with its connection), fires them ({@link ScheduleFires}, a few statements for the
 * whole batch) and advances each {@code next_run_at} to the first fire time after now; all of it commits together.
 * A schedule whose timing cannot be read is put off a minute; if the batch's writes fail, each schedule is retried
 * alone behind a savepoint, so one bad row neither blocks the others nor loops.
 *
 * <p>After downtime a schedule fires once, for its newest missed slot; the fire's reason says how many earlier slots
 * were missed, the backup's {@code late_by_ms} how late the fire was.
 */
public final class DueSchedules {
    private static final Logger LOG = Logger.getLogger(DueSchedules.class);
    /** Missed slots counted at most (a minutely schedule after a week down would otherwise count 10,080). */
    static final int MAX_MISSED_COUNTED = 1000;
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    /** Timetables by timing and zone: compiling a cron costs far more than asking it (a tick reads hundreds). */
    private static final int TIMETABLES_CACHED = 1000;

    private final ScheduleFires fires;
    private final ObjectMapper json;
    private final Map<String, Timetable> timetables = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Timetable> eldest) {
            return size() > TIMETABLES_CACHED;
        }
    };

    public DueSchedules(ScheduleFires fires, ObjectMapper json) {
        this.fires = fires;
        this.json = json;
    }

    private record Due(ScheduleFires.Schedule schedule, String timing, String zone, Instant nextRunAt) {
    }

    /** @return how many schedules this batch claimed (fired, skipped or put off) */
    public int fireBatch(Connection c, Instant now, int limit) throws SQLException {
        List<Due> due = claim(c, now, limit);
        List<Slot> slots = new ArrayList<>(due.size());
        Map<UUID, Instant> nextRuns = new LinkedHashMap<>();
        for (Due d : due) {
            try {
                Timetable timetable = timetable(d.timing(), d.zone());
                slots.add(slot(d, timetable, now));
                nextRuns.put(d.schedule().id(), timetable.next(now));
            } catch (RuntimeException | IOException e) {
                LOG.errorf(e, "schedule %s cannot be fired; retried at %s", d.schedule().id(), now.plus(RETRY_AFTER));
                nextRuns.put(d.schedule().id(), now.plus(RETRY_AFTER));
            }
        }
        // SQL savepoints: the pool refuses the JDBC savepoint calls on a connection enlisted in a JTA transaction
        sql(c, "savepoint batch");
        try {
            fires.fireAll(c, slots, now);
            sql(c, "release savepoint batch");
        } catch (SQLException | RuntimeException e) {
            sql(c, "rollback to savepoint batch");
            LOG.warnf(e, "firing a batch of %d schedules failed; firing them one by one", slots.size());
            fireOneByOne(c, slots, now, nextRuns);
        }
        advance(c, nextRuns);
        return due.size();
    }

    private Timetable timetable(String timing, String zone) throws IOException {
        String key = zone + " " + timing;
        synchronized (timetables) {
            Timetable cached = timetables.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Timetable compiled = Timetable.of(Timing.parse(json.readTree(timing)), zone);
        synchronized (timetables) {
            timetables.put(key, compiled);
        }
        return compiled;
    }

    private void fireOneByOne(Connection c, List<Slot> slots, Instant now, Map<UUID, Instant> nextRuns)
            throws SQLException {
        for (Slot slot : slots) {
            sql(c, "savepoint fire");
            try {
                fires.fireAll(c, List.of(slot), now);
                sql(c, "release savepoint fire");
            } catch (SQLException | RuntimeException e) {
                sql(c, "rollback to savepoint fire");
                LOG.errorf(e, "schedule %s could not fire; retried at %s", slot.schedule().id(),
                        now.plus(RETRY_AFTER));
                nextRuns.put(slot.schedule().id(), now.plus(RETRY_AFTER));
            }
        }
    }

    /** The newest slot that has come (at least the due one), and how many earlier ones were missed. */
    private static Slot slot(Due d, Timetable timetable, Instant now) {
        Instant slot = timetable.previous(now);
        if (slot == null || slot.isBefore(d.nextRunAt())) {
            slot = d.nextRunAt();
        }
        int missed = timetable.countBetween(d.nextRunAt(), slot, MAX_MISSED_COUNTED);
        String note = missed == 0 ? null : (missed == MAX_MISSED_COUNTED ? "at least " : "") + missed
                + " earlier slot(s) since " + d.nextRunAt() + " were missed; fired once, for the newest";
        return new Slot(d.schedule(), slot, Trigger.TIMETABLE, note);
    }

    private static List<Due> claim(Connection c, Instant now, int limit) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, tenant_id, source_id, backup_options->>'type', "
                + "backup_options::text, labels::text, overlap, timing::text, time_zone, next_run_at from schedules "
                + "where enabled and next_run_at <= ? order by next_run_at limit ? for update skip locked")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(new ScheduleFires.Schedule(rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
                            rs.getString(5), rs.getString(6), "queue".equals(rs.getString(7))),
                            rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant()));
                }
            }
        }
        return due;
    }

    /** Sets each next fire time (null: never fires again), one statement. Not a user edit: the version stays. */
    private static void advance(Connection c, Map<UUID, Instant> nextRuns) throws SQLException {
        if (nextRuns.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update schedules s set next_run_at = cast(v.n as timestamptz) "
                + "from unnest(?, ?) as v(id, n) where s.id = v.id")) {
            ps.setArray(1, c.createArrayOf("uuid", nextRuns.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("text", nextRuns.values().stream()
                    .map(t -> t == null ? null : t.toString()).toArray()));
            ps.executeUpdate();
        }
    }

    private static void sql(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
