package io.arca.api.notification;

import io.agroal.api.AgroalDataSource;
import io.arca.api.common.Cursor;
import io.arca.api.notification.ChannelDtos.AttemptView;
import io.arca.api.notification.ChannelDtos.DeliveryView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a channel's deliveries with their latest attempts (read-only, no transaction: every query is one statement on
 * its own connection). The engine in scheduler-service writes them; the API only reads and re-queues.
 */
@ApplicationScoped
public class DeliveryLog {
    /** Attempts shown per delivery: enough to see a pattern, bounded so a day of retries stays a small page. */
    static final int ATTEMPTS_SHOWN = 10;

    private static final String COLUMNS = "id, event_id, event_type, state, attempt, next_attempt_at, delivered_at, "
            + "last_status, last_error, created_at, updated_at";

    @Inject
    AgroalDataSource db;

    /**
     * At most {@code limit} deliveries of the channel, newest first, after {@code after} (all when null), with
     * {@code state} only when given.
     */
    public List<DeliveryView> newestFirst(UUID tenantId, UUID channelId, String state, Cursor after, int limit) {
        String sql = "select " + COLUMNS + " from notification_deliveries where tenant_id = ? and channel_id = ?"
                + (state == null ? "" : " and state = ?")
                + (after == null ? "" : " and (created_at, id) < (?, ?)")
                + " order by created_at desc, id desc limit ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            ps.setObject(++i, tenantId);
            ps.setObject(++i, channelId);
            if (state != null) {
                ps.setString(++i, state);
            }
            if (after != null) {
                ps.setObject(++i, after.createdAt().atOffset(ZoneOffset.UTC));
                ps.setObject(++i, after.id());
            }
            ps.setInt(++i, limit);
            return withAttempts(c, ps);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the deliveries of channel " + channelId + " failed", e);
        }
    }

    /** One delivery of the channel (empty when it is not this tenant's channel's). */
    public Optional<DeliveryView> find(UUID tenantId, UUID channelId, UUID deliveryId) {
        String sql = "select " + COLUMNS + " from notification_deliveries where tenant_id = ? and channel_id = ? "
                + "and id = ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setObject(2, channelId);
            ps.setObject(3, deliveryId);
            return withAttempts(c, ps).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("reading delivery " + deliveryId + " failed", e);
        }
    }

    private static List<DeliveryView> withAttempts(Connection c, PreparedStatement deliveries) throws SQLException {
        List<DeliveryView> bare = new ArrayList<>();
        try (ResultSet rs = deliveries.executeQuery()) {
            while (rs.next()) {
                bare.add(new DeliveryView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getInt(5), instant(rs, 6), instant(rs, 7), (Integer) rs.getObject(8),
                        rs.getString(9), instant(rs, 10), instant(rs, 11), List.of()));
            }
        }
        Map<UUID, List<AttemptView>> attempts = attempts(c, bare.stream().map(DeliveryView::id).toList());
        return bare.stream().map(d -> d.withAttempts(attempts.getOrDefault(d.id(), List.of()))).toList();
    }

    /** The last {@link #ATTEMPTS_SHOWN} attempts of each delivery, newest first (one query for the page). */
    private static Map<UUID, List<AttemptView>> attempts(Connection c, List<UUID> deliveryIds) throws SQLException {
        Map<UUID, List<AttemptView>> byDelivery = new HashMap<>();
        if (deliveryIds.isEmpty()) {
            return byDelivery;
        }
        try (PreparedStatement ps = c.prepareStatement("select delivery_id, attempt, attempted_at, outcome, "
                + "response_status, latency_ms, error, response_excerpt from (select a.*, row_number() over "
                + "(partition by delivery_id order by id desc) as n from notification_attempts a "
                + "where delivery_id = any(?)) newest where n <= ? order by delivery_id, id desc")) {
            ps.setArray(1, c.createArrayOf("uuid", deliveryIds.toArray()));
            ps.setInt(2, ATTEMPTS_SHOWN);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byDelivery.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new AttemptView(rs.getInt(2), instant(rs, 3), rs.getString(4),
                                    (Integer) rs.getObject(5), rs.getInt(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return byDelivery;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
