package io.arca.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.arca.common.messages.ArcaEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The catalog's event log ({@code events}): appends public events in commit order and wakes the readers. Each append
 * takes the {@code event_log_head} row lock for the rest of the caller's transaction, so seq order is commit order
 * (see V8); appends are therefore serialised, which is cheap at event rates and why callers append a batch at once.
 */
public final class EventLog {
    /** The NOTIFY channel readers LISTEN on; the payload is empty (readers query what is new). */
    public static final String NOTIFY_CHANNEL = "arca_events";
    /** The one JSON shape of the public envelope (ISO-8601 times, no nulls dropped). */
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** An event as logged. */
    public record Logged(long seq, ArcaEvent event) {
    }

    private EventLog() {
    }

    /**
     * Appends {@code events} in list order, skipping any whose id is already logged (a fact ingested twice), in the
     * caller's transaction.
     *
     * @return the events appended now, with their seq
     */
    public static List<Logged> append(Connection c, List<ArcaEvent> events) throws SQLException {
        List<Logged> logged = new ArrayList<>();
        if (events.isEmpty()) {
            return logged;
        }
        long last;
        try (PreparedStatement ps = c.prepareStatement(
                "update event_log_head set seq = seq + ? where id = 1 returning seq")) {
            ps.setInt(1, events.size());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                last = rs.getLong(1);
            }
        }
        long seq = last - events.size();
        try (PreparedStatement ps = c.prepareStatement("insert into events (seq, id, tenant_id, type, occurred_at, "
                + "job_id, source_id, body) values (?, ?, ?, ?, ?, ?, ?, cast(? as json)) on conflict (id) do nothing")) {
            for (ArcaEvent e : events) {
                seq++;
                ps.setLong(1, seq);
                ps.setObject(2, e.id());
                ps.setObject(3, e.tenantId());
                ps.setString(4, e.type());
                ps.setObject(5, e.time().atOffset(ZoneOffset.UTC));
                ps.setObject(6, uuid(e.subject().get("jobId")));
                ps.setObject(7, uuid(e.subject().get("sourceId")));
                ps.setString(8, json(e));
                if (ps.executeUpdate() == 1) {
                    logged.add(new Logged(seq, e));
                }
            }
        }
        if (!logged.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("select pg_notify('" + NOTIFY_CHANNEL + "', '')");
            }
        }
        return logged;
    }

    /** The envelope's JSON, as sent and stored. */
    public static String json(ArcaEvent e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("event " + e.id() + " cannot be written as JSON", ex);
        }
    }

    private static UUID uuid(String value) {
        return value == null ? null : UUID.fromString(value);
    }
}
