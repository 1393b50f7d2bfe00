package io.arca.scheduler.schedules;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.schedule.Timetable;
import io.arca.schedule.Timing;
import io.arca.schedule.fire.ScheduleFires.Trigger;
import io.arca.schedule.fire.ScheduleFires;
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
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One batch of due schedules, on the caller's connection and in its transaction: claims enabled schedules whose
 * {@code next_run_at} has come ({@code FOR UPDATE SKIP LOCKED}, so replicas take different rows and a replica that
 * dies mid-batch releases its rows with its connection), fires each ({@link ScheduleFires}) and advances its
 * {@code next_run_at} to the first fire time after now. Each schedule's fire, backup and advance commit together
 * with the batch; a schedule that cannot be fired (a timing the catalog holds but this version cannot read) is rolled
 * back to its savepoint and retried a minute later, so it neither blocks the batch nor loops.
 *
 * <p>After downtime a schedule fires once, for its newest missed slot; the fire's reason says how many earlier slots
 * were missed, the backup's {@code late_by_ms} how late the fire was.
 */
public final class DueSchedules {
    private static final Logger LOG = Logger.getLogger(DueSchedules.class);
    /** Missed slots counted at most (a minutely schedule after a week down would otherwise count 10,080). */
    static final int MAX_MISSED_COUNTED = 1000;
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private final ScheduleFires fires;
    private final ObjectMapper json;

    public DueSchedules(ScheduleFires fires, ObjectMapper json) {
        this.fires = fires;
        this.json = json;
    }

    private record Due(ScheduleFires.Schedule schedule, String timing, String zone, Instant nextRunAt) {
    }

    /** @return how many schedules this batch claimed (fired, skipped or put off) */
    public int fireBatch(Connection c, Instant now, int limit) throws SQLException {
        List<Due> due = claim(c, now, limit);
        for (Due d : due) {
            // SQL savepoints: the pool refuses the JDBC savepoint calls on a connection enlisted in a JTA transaction
            sql(c, "savepoint fire");
            try {
                fire(c, d, now);
                sql(c, "release savepoint fire");
            } catch (RuntimeException | SQLException | IOException e) {
                sql(c, "rollback to savepoint fire");
                LOG.errorf(e, "schedule %s could not fire; retried at %s", d.schedule().id(), now.plus(RETRY_AFTER));
                advance(c, d.schedule().id(), now.plus(RETRY_AFTER));
            }
        }
        return due.size();
    }

    private static void sql(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private void fire(Connection c, Due d, Instant now) throws SQLException, IOException {
        Timetable timetable = Timetable.of(Timing.parse(json.readTree(d.timing())), d.zone());
        Instant slot = timetable.previous(now);
        if (slot == null || slot.isBefore(d.nextRunAt())) {
            slot = d.nextRunAt();
        }
        int missed = timetable.countBetween(d.nextRunAt(), slot, MAX_MISSED_COUNTED);
        String note = missed == 0 ? null : (missed == MAX_MISSED_COUNTED ? "at least " : "") + missed
                + " earlier slot(s) since " + d.nextRunAt() + " were missed; fired once, for the newest";
        fires.fire(c, d.schedule(), slot, now, Trigger.TIMETABLE, note);
        advance(c, d.schedule().id(), timetable.next(now));
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

    /** Sets the next fire time (null: the timing never fires again). Not a user edit: the version stays. */
    private static void advance(Connection c, UUID scheduleId, Instant next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update schedules set next_run_at = ? where id = ?")) {
            ps.setTimestamp(1, next == null ? null : Timestamp.from(next));
            ps.setObject(2, scheduleId);
            ps.executeUpdate();
        }
    }
}
