package io.arca.scheduler.notify;

import io.agroal.api.AgroalDataSource;
import io.arca.events.EventType;
import io.arca.events.cdi.NotificationsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Records an attempt: the delivery log row, the delivery's next state (delivered, pending again after the next retry
 * delay, or failed when none is left) and the channel's health, in one transaction, so a crash leaves either all of it
 * or none (then the lease expires and the delivery is sent again).
 */
@ApplicationScoped
public class DeliveryRecorder {
    private static final String ATTEMPT = "insert into notification_attempts (delivery_id, attempt, attempted_at, "
            + "outcome, response_status, latency_ms, error, response_excerpt) values (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String DELIVERED = "update notification_deliveries set state = 'delivered', "
            + "delivered_at = now(), next_attempt_at = null, lease_expires_at = null, last_status = ?, "
            + "last_error = null, updated_at = now() where id = ? and state = 'sending' and attempt = ?";
    private static final String RETRY = "update notification_deliveries set state = 'pending', "
            + "next_attempt_at = now() + make_interval(secs => ?), lease_expires_at = null, last_status = ?, "
            + "last_error = ?, updated_at = now() where id = ? and state = 'sending' and attempt = ?";
    private static final String FAILED = "update notification_deliveries set state = 'failed', "
            + "next_attempt_at = null, lease_expires_at = null, last_status = ?, last_error = ?, updated_at = now() "
            + "where id = ? and state = 'sending' and attempt = ?";

    private final AgroalDataSource db;
    private final ChannelHealth health;
    private final List<Duration> retryDelays;

    public DeliveryRecorder(AgroalDataSource db, ChannelHealth health, NotificationsConfig config) {
        this.db = db;
        this.health = health;
        this.retryDelays = config.retryDelays();
    }

    /**
     * Records one attempt of each delivery (several for a digest email, which all share its outcome). A delivery
     * whose lease another replica took over meanwhile keeps its new owner's state; its attempt is still logged. A
     * channel deleted meanwhile took its deliveries and their log with it: nothing is recorded.
     */
    @Transactional
    public void record(List<ClaimedDelivery> deliveries, AttemptOutcome outcome) throws SQLException {
        try (Connection c = db.getConnection()) {
            ChannelTarget channel = deliveries.get(0).channel();
            boolean test = deliveries.stream()
                    .allMatch(d -> EventType.NOTIFICATION_TEST.wireName().equals(d.eventType()));
            ChannelHealth.State state = health.update(c, channel, outcome);
            if (state == ChannelHealth.State.GONE) {
                return;
            }
            boolean enabled = state == ChannelHealth.State.ENABLED;
            for (ClaimedDelivery d : deliveries) {
                logAttempt(c, d, outcome);
                if (outcome.delivered()) {
                    update(c, DELIVERED, outcome.status(), d.id(), d.attempt());
                } else if (!enabled && !test) {
                    update(c, FAILED, outcome.status(), "channel disabled; last error: " + outcome.error(), d.id(),
                            d.attempt());
                } else if (d.attempt() <= retryDelays.size()) {
                    update(c, RETRY, retryDelays.get(d.attempt() - 1).toMillis() / 1000.0, outcome.status(),
                            outcome.error(), d.id(), d.attempt());
                } else {
                    update(c, FAILED, outcome.status(), outcome.error(), d.id(), d.attempt());
                }
            }
        }
    }

    private static void logAttempt(Connection c, ClaimedDelivery d, AttemptOutcome o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ATTEMPT)) {
            ps.setObject(1, d.id());
            ps.setInt(2, d.attempt());
            ps.setObject(3, o.attemptedAt().atOffset(ZoneOffset.UTC));
            ps.setString(4, o.outcomeName());
            setInteger(ps, 5, o.status());
            ps.setInt(6, (int) Math.min(Integer.MAX_VALUE, o.latencyMs()));
            ps.setString(7, o.error());
            ps.setString(8, o.excerpt());
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) {
                    ps.setNull(i + 1, Types.OTHER);
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            ps.executeUpdate();
        }
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
