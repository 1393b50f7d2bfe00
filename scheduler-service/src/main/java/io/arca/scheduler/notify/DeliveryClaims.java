package io.arca.scheduler.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agroal.api.AgroalDataSource;
import io.arca.events.EventLog;
import io.arca.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Leases due deliveries: pending ones whose time has come, and sending ones whose lease expired (the sender died
 * between sending and recording: sent again, same webhook-id, at least once). {@code FOR UPDATE SKIP LOCKED} lets any
 * number of replicas claim side by side without taking the same row. A disabled channel's deliveries stay put, except
 * its test event.
 */
@ApplicationScoped
public class DeliveryClaims {
    private static final String DUE = "((d.state = 'pending' and d.next_attempt_at <= now()) "
            + "or (d.state = 'sending' and d.lease_expires_at <= now()))";
    /** What an attempt needs, for the deliveries the CTE {@code claimed} returns. */
    private static final String DETAILS = " select c.id, c.event_id, c.event_type, c.attempt, e.body::text, "
            + "e.occurred_at, ch.id, ch.tenant_id, ch.name, ch.kind, ch.url, ch.headers::text, ch.secret_sealed, "
            + "ch.previous_secret_sealed, ch.previous_secret_expires_at, ch.recipients, ch.digest_minutes "
            + "from claimed c join notification_channels ch on ch.id = c.channel_id "
            + "left join events e on e.id = c.event_id order by e.seq nulls last, c.id";
    /** The lease lasts as long as the channel kind's longest attempt, plus time to record it. */
    private static final String LEASE = "update notification_deliveries d set state = 'sending', "
            + "attempt = d.attempt + 1, lease_expires_at = now() + make_interval(secs => case when exists ("
            + "select 1 from notification_channels k where k.id = d.channel_id and k.kind = 'email') then ? else ? "
            + "end), updated_at = now() ";
    /**
     * Ranks each channel's due deliveries oldest first and takes the first ones up to the channel's free slots in
     * this replica ({@code maxInFlightPerChannel} minus what it already sends there), so one busy channel cannot
     * fill the batch while others wait.
     */
    private static final String CLAIM = "with due as (select d.id, d.channel_id, "
            + "case when d.state = 'pending' then d.next_attempt_at else d.lease_expires_at end as due_at "
            + "from notification_deliveries d join notification_channels ch on ch.id = d.channel_id "
            + "where " + DUE + " and (ch.enabled or d.event_type = '" + EventType.NOTIFICATION_TEST.wireName() + "')), "
            + "ranked as (select due.id, due.due_at, row_number() over (partition by due.channel_id "
            + "order by due.due_at, due.id) + coalesce(busy.n, 0) as slot from due "
            + "left join unnest(?::uuid[], ?::int[]) as busy(channel_id, n) on busy.channel_id = due.channel_id), "
            + "picked as (select d.id from notification_deliveries d join ranked r on r.id = d.id "
            + "where r.slot <= ? and " + DUE + " order by r.due_at, d.id limit ? for update of d skip locked), "
            + "claimed as (" + LEASE + "from picked where d.id = picked.id returning d.*)" + DETAILS;
    /** Every other pending delivery of a digest channel, due or not: they go out in the same email. */
    private static final String DIGEST = "with picked as (select d.id from notification_deliveries d "
            + "where d.channel_id = ? and d.state = 'pending' for update skip locked), "
            + "claimed as (" + LEASE + "from picked where d.id = picked.id returning d.*)" + DETAILS;

    /** How long a claim holds, per channel kind. */
    public record Leases(Duration webhook, Duration email) {
    }

    private final AgroalDataSource db;

    public DeliveryClaims(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * @param limit     deliveries to claim at most (this replica's free slots)
     * @param busy      deliveries this replica sends now, per channel
     * @param leases    how long the claim holds before another replica may send the delivery again
     */
    @Transactional
    public List<ClaimedDelivery> claim(int limit, Map<UUID, Integer> busy, int maxPerChannel, Leases leases)
            throws SQLException {
        try (Connection c = db.getConnection()) {
            List<ClaimedDelivery> claimed;
            try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                UUID[] channels = busy.keySet().toArray(UUID[]::new);
                Array channelArray = c.createArrayOf("uuid", channels);
                Array counts = c.createArrayOf("int4", Arrays.stream(channels).map(busy::get).toArray(Integer[]::new));
                ps.setArray(1, channelArray);
                ps.setArray(2, counts);
                ps.setInt(3, maxPerChannel);
                ps.setInt(4, limit);
                ps.setLong(5, leases.email().toSeconds());
                ps.setLong(6, leases.webhook().toSeconds());
                claimed = read(ps);
            }
            Set<UUID> digestChannels = new LinkedHashSet<>();
            claimed.stream().filter(d -> d.channel().isDigest()).forEach(d -> digestChannels.add(d.channel().id()));
            for (UUID channel : digestChannels) {
                try (PreparedStatement ps = c.prepareStatement(DIGEST)) {
                    ps.setObject(1, channel);
                    ps.setLong(2, leases.email().toSeconds());
                    ps.setLong(3, leases.webhook().toSeconds());
                    claimed.addAll(read(ps));
                }
            }
            return claimed;
        }
    }

    private static List<ClaimedDelivery> read(PreparedStatement ps) throws SQLException {
        List<ClaimedDelivery> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                OffsetDateTime previousExpires = rs.getObject(15, OffsetDateTime.class);
                Array recipients = rs.getArray(16);
                ChannelTarget channel = new ChannelTarget(rs.getObject(7, UUID.class), rs.getObject(8, UUID.class),
                        rs.getString(9), rs.getString(10), rs.getString(11), headers(rs.getString(12)),
                        rs.getBytes(13), rs.getBytes(14), previousExpires == null ? null : previousExpires.toInstant(),
                        recipients == null ? List.of() : List.of((String[]) recipients.getArray()),
                        (Integer) rs.getObject(17));
                OffsetDateTime occurred = rs.getObject(6, OffsetDateTime.class);
                out.add(new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getInt(4), rs.getString(5),
                        occurred == null ? null : occurred.toInstant(), channel));
            }
        }
        return out;
    }

    private static Map<String, String> headers(String json) throws SQLException {
        if (json == null) {
            return Map.of();
        }
        try {
            return EventLog.JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new SQLException("notification_channels.headers is not an object of strings: " + e.getMessage(), e);
        }
    }
}
