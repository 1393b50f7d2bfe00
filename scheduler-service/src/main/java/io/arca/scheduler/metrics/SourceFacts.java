package io.arca.scheduler.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.schedule.DrillOverdue;
import io.arca.schedule.Lateness;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every live source's recovery facts in one query (never a query per source): the newest successful backup
 * ({@link Lateness#SUCCESSFUL_BACKUP}) and its stored size, the newest proof of restorability, and the enabled
 * schedules' timings and drill periods, from which "late" ({@link Lateness}, as the API's rpoStatus and the
 * {@code backup.late} event) and "overdue" ({@link DrillOverdue}, as the API's drillStatus) are decided here. A source
 * never backed up (or proven) is measured from its creation; one with schedules but no success is late from its oldest
 * enabled schedule's creation, as {@code LateSources} does.
 */
final class SourceFacts {
    static final String QUERY = "select t.name, s.name, s.created_at, s.last_proven_restorable_at, "
            + "ok.finished_at, ok.stored_size, sc.timings, sc.expected_since, sc.drills, sc.drill_since "
            + "from sources s join tenants t on t.id = s.tenant_id "
            + "left join lateral (select b.finished_at, b.stored_size from backups b where b.tenant_id = s.tenant_id "
            + "and b.source_id = s.id and " + Lateness.SUCCESSFUL_BACKUP + " "
            + "order by b.finished_at desc nulls last limit 1) ok on true "
            + "left join lateral (select json_agg(json_build_array(x.timing, x.time_zone))::text as timings, "
            + "min(x.created_at) as expected_since, "
            + "(json_agg(x.drill->>'every') filter (where x.drill is not null))::text as drills, "
            + "min(x.created_at) filter (where x.drill is not null) as drill_since "
            + "from schedules x where x.tenant_id = s.tenant_id and x.source_id = s.id and x.enabled) sc on true "
            + "where s.deleted_at is null";

    private final ObjectMapper json;

    SourceFacts(ObjectMapper json) {
        this.json = json;
    }

    List<SourceState> read(Connection c, Instant now) throws SQLException {
        List<SourceState> states = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(QUERY); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant created = instant(rs.getTimestamp(3));
                Instant proven = instant(rs.getTimestamp(4));
                Instant lastOk = instant(rs.getTimestamp(5));
                long bytes = rs.getLong(6);
                Duration period = Lateness.shortestPeriod(tree(rs.getString(7)), now);
                Instant expectedSince = instant(rs.getTimestamp(8));
                Duration drill = DrillOverdue.shortestDrill(tree(rs.getString(9)));
                Instant drillSince = instant(rs.getTimestamp(10));
                boolean late = Lateness.isLate(lastOk != null ? lastOk : expectedSince, period, now);
                boolean overdue = DrillOverdue.isOverdue(proven != null ? proven : drillSince, drill, now);
                states.add(new SourceState(rs.getString(1), rs.getString(2), lastOk != null ? lastOk : created,
                        proven != null ? proven : created, bytes, late ? 1 : 0, overdue ? 1 : 0));
            }
        }
        return states;
    }

    /** The API validated what it stored; unreadable JSON counts as no schedule (never late) rather than failing all. */
    private JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
