package io.arca.api.notification;

import static io.arca.api.ApiTest.catalog;

import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventLog;
import io.arca.events.delivery.Deliveries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes what scheduler-service would (no delivery engine runs beside the API's tests): an ingested event with its
 * delivery, and attempts recorded with the delivery's outcome in one transaction, as the engine records them.
 */
final class SeededDeliveries {
    private SeededDeliveries() {
    }

    /** A logged event of {@code type} and its pending delivery to the channel, committed; returns the delivery id. */
    static UUID deliver(UUID tenantId, UUID channelId, String type) throws SQLException {
        ArcaEvent event = ArcaEvent.of(type, tenantId, Map.of("backupId", UUID.randomUUID().toString()),
                Map.of("sourceName", "shop", "error", "disk full"));
        try (Connection c = catalog()) {
            c.setAutoCommit(false);
            EventLog.append(c, List.of(event));
            UUID id = Deliveries.enqueue(c, tenantId, channelId, event.id(), type, Instant.now());
            c.commit();
            return id;
        }
    }

    /** The engine's record of attempt {@code n}: the attempt row, and the delivery left in {@code stateAfter}. */
    static void attempt(UUID deliveryId, int n, String outcome, Integer status, String error, String stateAfter)
            throws SQLException {
        try (Connection c = catalog()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into notification_attempts (delivery_id, attempt, "
                    + "attempted_at, outcome, response_status, latency_ms, error, response_excerpt) "
                    + "values (?, ?, now(), ?, ?, ?, ?, ?)")) {
                ps.setObject(1, deliveryId);
                ps.setInt(2, n);
                ps.setString(3, outcome);
                ps.setObject(4, status);
                ps.setInt(5, 10 + n);
                ps.setString(6, error);
                ps.setString(7, status == null ? null : "answer " + n);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("update notification_deliveries set state = ?, attempt = ?, "
                    + "last_status = ?, last_error = ?, lease_expires_at = null, updated_at = now(), "
                    + "delivered_at = case when ? = 'delivered' then now() end, "
                    + "next_attempt_at = case when ? = 'pending' then now() + interval '1 hour' end where id = ?")) {
                ps.setString(1, stateAfter);
                ps.setInt(2, n);
                ps.setObject(3, status);
                ps.setString(4, error);
                ps.setString(5, stateAfter);
                ps.setString(6, stateAfter);
                ps.setObject(7, deliveryId);
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    /** The delivery's state; null when it no longer exists. */
    static String state(UUID deliveryId) throws SQLException {
        try (Connection c = catalog();
                PreparedStatement ps = c.prepareStatement("select state from notification_deliveries where id = ?")) {
            ps.setObject(1, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The delivery of the channel's newest event, once there is one (null until then). */
    static UUID newestOf(UUID channelId) throws SQLException {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement("select id from "
                + "notification_deliveries where channel_id = ? order by created_at desc limit 1")) {
            ps.setObject(1, channelId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }
}
