package io.arca.events.delivery;

import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventType;
import io.arca.events.EventTypeFilter;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which channels receive which newly logged events (the delivery rules of the design):
 * <ul>
 *   <li>only {@link EventType.Audience#NOTIFY} types: progress and other stream-only types never notify, and the test
 *   event is delivered by the test endpoint to its one channel, never fanned out;</li>
 *   <li>to every enabled channel of the event's tenant whose filter matches the type;</li>
 *   <li>{@code notification-channel.disabled} to every enabled email channel of the tenant whatever its filter (the
 *   admins must hear that a channel went quiet), and to other channels whose filter matches;</li>
 *   <li>due now, or for an email channel with a digest, {@code digest_minutes} from now (the digest collects).</li>
 * </ul>
 * {@link #plan} is the rule, pure; {@link #enqueue} reads the channels and writes the deliveries in the caller's
 * transaction.
 */
public final class FanOut {
    /** An enabled channel, as the fan-out needs it. */
    public record Channel(UUID id, UUID tenantId, String kind, EventTypeFilter filter, Integer digestMinutes) {
        boolean email() {
            return "email".equals(kind);
        }
    }

    /** One delivery to create. */
    public record Planned(UUID tenantId, UUID channelId, UUID eventId, String eventType, Instant dueAt) {
    }

    private FanOut() {
    }

    public static List<Planned> plan(List<ArcaEvent> events, List<Channel> enabledChannels, Instant now) {
        List<Planned> planned = new ArrayList<>();
        for (ArcaEvent e : events) {
            Optional<EventType> type = EventType.ofWireName(e.type());
            if (type.isEmpty() || !type.get().notifiable()) {
                continue;
            }
            for (Channel ch : enabledChannels) {
                if (!ch.tenantId().equals(e.tenantId())) {
                    continue;
                }
                boolean toAdmins = type.get() == EventType.CHANNEL_DISABLED && ch.email();
                if (toAdmins || ch.filter().matches(e.type())) {
                    Instant due = ch.email() && ch.digestMinutes() != null
                            ? now.plus(Duration.ofMinutes(ch.digestMinutes())) : now;
                    planned.add(new Planned(e.tenantId(), ch.id(), e.id(), e.type(), due));
                }
            }
        }
        return planned;
    }

    /**
     * Creates the deliveries of {@code events} (newly logged ones) for the enabled channels of their tenants.
     *
     * @return how many deliveries were planned (an existing one for the same channel and event is kept)
     */
    public static int enqueue(Connection c, List<ArcaEvent> events, Instant now) throws SQLException {
        List<UUID> tenants = events.stream()
                .filter(e -> EventType.ofWireName(e.type()).map(EventType::notifiable).orElse(false))
                .map(ArcaEvent::tenantId).distinct().toList();
        if (tenants.isEmpty()) {
            return 0;
        }
        List<Planned> planned = plan(events, enabledChannels(c, tenants), now);
        for (Planned p : planned) {
            Deliveries.enqueue(c, p.tenantId(), p.channelId(), p.eventId(), p.eventType(), p.dueAt());
        }
        return planned.size();
    }

    static List<Channel> enabledChannels(Connection c, List<UUID> tenants) throws SQLException {
        List<Channel> channels = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, tenant_id, kind, event_types, digest_minutes "
                + "from notification_channels where enabled and tenant_id = any(?) order by created_at, id")) {
            ps.setArray(1, c.createArrayOf("uuid", tenants.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array types = rs.getArray(4);
                    channels.add(new Channel(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getString(3), EventTypeFilter.stored(Arrays.asList((String[]) types.getArray())),
                            rs.getObject(5, Integer.class)));
                }
            }
        }
        return channels;
    }
}
