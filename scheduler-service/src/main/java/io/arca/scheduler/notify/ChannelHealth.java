package io.arca.scheduler.notify;

import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventType;
import io.arca.events.cdi.NotificationsConfig;
import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A channel's health after an attempt: a success clears {@code failing_since}; a failure starts it (if not started)
 * and, once every attempt has failed for {@code disableAfterFailingFor}, disables the channel, fails its pending
 * deliveries and publishes {@code notification-channel.disabled} through the outbox (same transaction), which the
 * ingestor sends to every email channel of the tenant.
 */
@ApplicationScoped
public class ChannelHealth {
    private static final Logger LOG = Logger.getLogger(ChannelHealth.class);
    private static final String LOCK = "select enabled, failing_since from notification_channels where id = ? "
            + "for no key update";
    private static final String SUCCESS = "update notification_channels set last_success_at = now(), "
            + "failing_since = null where id = ?";
    private static final String FAILURE = "update notification_channels set failing_since = coalesce(failing_since, "
            + "now()) where id = ? returning failing_since, failing_since <= now() - make_interval(secs => ?)";
    private static final String DISABLE = "update notification_channels set enabled = false, disabled_reason = ?, "
            + "disabled_at = now(), updated_at = now(), version = version + 1 where id = ?";
    /** Pending ones, and those a dead sender left behind (a disabled channel's are never claimed again). */
    private static final String FAIL_PENDING = "update notification_deliveries set state = 'failed', "
            + "next_attempt_at = null, lease_expires_at = null, last_error = 'channel disabled', updated_at = now() "
            + "where channel_id = ? and event_type <> ? "
            + "and (state = 'pending' or (state = 'sending' and lease_expires_at <= now()))";

    /** A channel after an attempt's outcome. */
    enum State {
        ENABLED, DISABLED,
        /** deleted meanwhile, its deliveries with it: nothing to record */
        GONE
    }

    private final Outbox outbox;
    private final Duration disableAfter;

    public ChannelHealth(Outbox outbox, NotificationsConfig config) {
        this.outbox = outbox;
        this.disableAfter = config.disableAfterFailingFor();
    }

    /**
     * Locks the channel row for the rest of the transaction (deleting the channel waits for it) and updates its health.
     */
    State update(Connection c, ChannelTarget channel, AttemptOutcome outcome) throws SQLException {
        boolean enabled;
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setObject(1, channel.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return State.GONE;
                }
                enabled = rs.getBoolean(1);
            }
        }
        State current = enabled ? State.ENABLED : State.DISABLED;
        if (outcome.delivered()) {
            execute(c, SUCCESS, channel);
            return current;
        }
        OffsetDateTime failingSince;
        boolean sustained;
        try (PreparedStatement ps = c.prepareStatement(FAILURE)) {
            ps.setObject(1, channel.id());
            ps.setLong(2, disableAfter.toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                failingSince = rs.getObject(1, OffsetDateTime.class);
                sustained = rs.getBoolean(2);
            }
        }
        if (!enabled || !sustained) {
            return current;
        }
        disable(c, channel, failingSince, outcome.error());
        return State.DISABLED;
    }

    private void disable(Connection c, ChannelTarget channel, OffsetDateTime failingSince, String lastError)
            throws SQLException {
        String reason = "every delivery failed for " + disableAfter + " (since " + failingSince.toInstant()
                + "); last error: " + lastError;
        try (PreparedStatement ps = c.prepareStatement(DISABLE)) {
            ps.setString(1, reason);
            ps.setObject(2, channel.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(FAIL_PENDING)) {
            ps.setObject(1, channel.id());
            ps.setString(2, EventType.NOTIFICATION_TEST.wireName());
            ps.executeUpdate();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", channel.name());
        data.put("kind", channel.kind());
        data.put("reason", reason);
        data.put("failingSince", failingSince.toInstant().toString());
        outbox.append(c, OutboxMessage.event(ArcaEvent.of(EventType.CHANNEL_DISABLED.wireName(), channel.tenantId(),
                Map.of("channelId", channel.id().toString()), data)));
        LOG.warnf("notification channel %s (%s, tenant %s) disabled: %s", channel.id(), channel.name(),
                channel.tenantId(), reason);
    }

    private static void execute(Connection c, String sql, ChannelTarget channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, channel.id());
            ps.executeUpdate();
        }
    }
}
