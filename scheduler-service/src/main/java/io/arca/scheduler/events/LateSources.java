package io.arca.scheduler.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventType;
import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.outbox.OutboxMessage;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Finds late sources and emits one {@code backup.late} per late episode, on the caller's connection and transaction.
 * Late is {@link Lateness} (the rule the API's recovery point shows); a source that never had a successful backup is
 * measured from its oldest enabled schedule's creation. {@code sources.late_notified_at} records the episode: a source
 * is told again only after a successful backup newer than the last notice, i.e. in a new episode. The notice is a
 * conditional update, so two replicas sweeping at once emit one event.
 */
public final class LateSources {
    private final Outbox outbox;
    private final ObjectMapper json;

    public LateSources(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    private record Candidate(UUID id, UUID tenantId, String name, Instant lastSuccessful, String schedules,
                             Instant expectedSince) {
    }

    /** @return the backup.late events emitted */
    public List<ArcaEvent> sweep(Connection c, Instant now) throws SQLException {
        List<ArcaEvent> emitted = new ArrayList<>();
        for (Candidate s : candidates(c)) {
            Duration period;
            try {
                period = Lateness.shortestPeriod(json.readTree(s.schedules()), now);
            } catch (IOException e) {
                continue;
            }
            Instant since = s.lastSuccessful() != null ? s.lastSuccessful() : s.expectedSince();
            if (period == null || !Lateness.isLate(since, period, now) || !notice(c, s, now)) {
                continue;
            }
            ArcaEvent event = event(s, period, now);
            outbox.append(c, OutboxMessage.event(event));
            emitted.add(event);
        }
        return emitted;
    }

    /** Sources with an enabled schedule that are not yet told about their current episode. */
    private static List<Candidate> candidates(Connection c) throws SQLException {
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select * from (select s.id, s.tenant_id, s.name, "
                + "s.late_notified_at, (select max(b.finished_at) from backups b where b.tenant_id = s.tenant_id "
                + "and b.source_id = s.id and " + Lateness.SUCCESSFUL_BACKUP + ") as last_ok, "
                + "(select json_agg(json_build_array(sc.timing, sc.time_zone))::text from schedules sc "
                + "where sc.tenant_id = s.tenant_id and sc.source_id = s.id and sc.enabled) as schedules, "
                + "(select min(sc.created_at) from schedules sc where sc.tenant_id = s.tenant_id "
                + "and sc.source_id = s.id and sc.enabled) as expected_since "
                + "from sources s where s.deleted_at is null) x where schedules is not null "
                + "and (late_notified_at is null or late_notified_at < last_ok)")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getString(3), instant(rs.getTimestamp(5)), rs.getString(6),
                            instant(rs.getTimestamp(7))));
                }
            }
        }
        return candidates;
    }

    /** Records the notice unless another sweep already did for this episode. */
    private static boolean notice(Connection c, Candidate s, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update sources set late_notified_at = ? where id = ? "
                + "and (late_notified_at is null or late_notified_at < ?)")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, s.id());
            ps.setTimestamp(3, s.lastSuccessful() == null ? null : Timestamp.from(s.lastSuccessful()));
            return ps.executeUpdate() == 1;
        }
    }

    /** backup.late: subject {sourceId}; data {sourceName, lastSuccessfulBackupAt, expectedEverySeconds, ...}. */
    private static ArcaEvent event(Candidate s, Duration period, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sourceName", s.name());
        data.put("lastSuccessfulBackupAt", s.lastSuccessful() == null ? null : s.lastSuccessful().toString());
        data.put("expectedEverySeconds", period.toSeconds());
        data.put("lateAfterSeconds", Lateness.allowedGap(period).toSeconds());
        return new ArcaEvent(ArcaEvent.CURRENT_VERSION, UUID.randomUUID(), EventType.BACKUP_LATE.wireName(), now,
                s.tenantId(), Map.of("sourceId", s.id().toString()), data);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
