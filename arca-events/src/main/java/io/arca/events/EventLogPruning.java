package io.arca.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Removes old events from the log, a bounded batch per call on the caller's connection: events recorded longer ago than
 * the event retention (the window in which a stream resumes without loss), and progress events after the shorter
 * progress retention. An event that a pending or sending delivery still has to send is kept, however old: the
 * delivery sends the stored body.
 */
public final class EventLogPruning {
    private EventLogPruning() {
    }

    /** @return how many events this batch removed (fewer than {@code limit}: nothing more is due) */
    public static int pruneBatch(Connection c, Instant now, Duration eventRetention, Duration progressRetention,
            int limit) throws SQLException {
        String[] progressTypes = Arrays.stream(EventType.values()).filter(EventType::progress)
                .map(EventType::wireName).toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement("delete from events where seq in (select e.seq from events e "
                + "where (e.recorded_at < ? or (e.type = any(?) and e.recorded_at < ?)) "
                + "and not exists (select 1 from notification_deliveries d where d.event_id = e.id "
                + "and d.state in ('pending', 'sending')) order by e.seq limit ?)")) {
            ps.setTimestamp(1, Timestamp.from(now.minus(eventRetention)));
            ps.setArray(2, c.createArrayOf("text", progressTypes));
            ps.setTimestamp(3, Timestamp.from(now.minus(progressRetention)));
            ps.setInt(4, limit);
            return ps.executeUpdate();
        }
    }
}
