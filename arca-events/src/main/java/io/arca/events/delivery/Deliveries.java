package io.arca.events.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Writes to {@code notification_deliveries} that both the API (test, redeliver) and the delivery engine make. The
 * engine's claim/record SQL lives with the engine; the state rules are in V8's comment.
 */
public final class Deliveries {
    /** The NOTIFY channel the delivery engine LISTENs on: a delivery became due now. */
    public static final String NOTIFY_CHANNEL = "arca_deliveries";

    private Deliveries() {
    }

    /**
     * One event for one channel, due at {@code dueAt}; nothing when that channel already has that event (a fact
     * ingested twice). Notifies the engine.
     *
     * @return the delivery's id (the existing one when it was already there)
     */
    public static UUID enqueue(Connection c, UUID tenantId, UUID channelId, UUID eventId, String eventType,
            Instant dueAt) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement("insert into notification_deliveries (id, tenant_id, "
                + "channel_id, event_id, event_type, state, next_attempt_at) values (?, ?, ?, ?, ?, 'pending', ?) "
                + "on conflict (channel_id, event_id) do nothing")) {
            ps.setObject(1, id);
            ps.setObject(2, tenantId);
            ps.setObject(3, channelId);
            ps.setObject(4, eventId);
            ps.setString(5, eventType);
            ps.setObject(6, dueAt.atOffset(ZoneOffset.UTC));
            if (ps.executeUpdate() == 0) {
                id = existing(c, channelId, eventId);
            }
        }
        notifyEngine(c);
        return id;
    }

    /**
     * Sends a delivered or failed delivery again now (same webhook-id); a pending or sending one is left alone.
     *
     * @return false when the delivery is not this tenant's channel's, or is still pending/sending
     */
    public static boolean redeliver(Connection c, UUID tenantId, UUID channelId, UUID deliveryId) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("update notification_deliveries set state = 'pending', "
                + "next_attempt_at = now(), lease_expires_at = null, updated_at = now() "
                + "where id = ? and tenant_id = ? and channel_id = ? and state in ('delivered', 'failed')")) {
            ps.setObject(1, deliveryId);
            ps.setObject(2, tenantId);
            ps.setObject(3, channelId);
            updated = ps.executeUpdate();
        }
        if (updated == 1) {
            notifyEngine(c);
        }
        return updated == 1;
    }

    private static UUID existing(Connection c, UUID channelId, UUID eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select id from notification_deliveries where channel_id = ? and event_id = ?")) {
            ps.setObject(1, channelId);
            ps.setObject(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static void notifyEngine(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("select pg_notify('" + NOTIFY_CHANNEL + "', '')");
        }
    }
}
