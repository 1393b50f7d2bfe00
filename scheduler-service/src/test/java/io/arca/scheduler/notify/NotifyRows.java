package io.arca.scheduler.notify;

import static org.assertj.core.api.Assertions.fail;

import io.agroal.api.AgroalDataSource;
import io.arca.common.crypto.SealingContexts;
import io.arca.common.crypto.SecretSealer;
import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventLog;
import io.arca.events.delivery.Deliveries;
import io.arca.scheduler.CatalogRows;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Catalog rows for delivery tests, written as the other slices write them: channels as the API inserts them (the
 * webhook secret sealed under webhook-secret:&lt;id&gt;), events with {@link EventLog#append} and deliveries with
 * {@link Deliveries#enqueue}, as the ingestor does.
 */
final class NotifyRows {
    /** One row of the delivery log. */
    record Attempt(int attempt, String outcome, Integer status, int latencyMs, String error, String excerpt) {
    }

    final CatalogRows catalog;
    private final AgroalDataSource db;
    private final SecretSealer sealer;

    NotifyRows(AgroalDataSource db, SecretSealer sealer) throws SQLException {
        this.db = db;
        this.sealer = sealer;
        this.catalog = new CatalogRows(db);
    }

    UUID webhook(String url, String secret) throws SQLException {
        return webhook(url, secret, Map.of());
    }

    UUID webhook(String url, String secret, Map<String, String> headers) throws SQLException {
        UUID id = UUID.randomUUID();
        catalog.exec("insert into notification_channels (id, tenant_id, name, kind, event_types, url, headers, "
                + "secret_sealed) values (?, ?, ?, 'webhook', array['*'], ?, cast(? as jsonb), ?)", id,
                catalog.tenantId, "hook-" + id, url, json(headers), seal(id, secret));
        return id;
    }

    /** Rotated: {@code previous} still signs for {@code previousSecondsLeft} (negative: the overlap is over). */
    void rotate(UUID channel, String current, String previous, int previousSecondsLeft) throws SQLException {
        catalog.exec("update notification_channels set secret_sealed = ?, previous_secret_sealed = ?, "
                + "previous_secret_expires_at = now() + make_interval(secs => " + previousSecondsLeft + ") "
                + "where id = ?", seal(channel, current), seal(channel, previous), channel);
    }

    UUID email(List<String> recipients, Integer digestMinutes) throws SQLException {
        UUID id = UUID.randomUUID();
        catalog.exec("insert into notification_channels (id, tenant_id, name, kind, event_types, recipients, "
                + "digest_minutes) values (?, ?, ?, 'email', array['*'], ?, ?)", id, catalog.tenantId,
                "mail-" + id, recipients.toArray(String[]::new), digestMinutes);
        return id;
    }

    /** A logged event of this test's tenant about this test's source. */
    ArcaEvent event(String type, Map<String, String> subject, Map<String, Object> data) throws SQLException {
        ArcaEvent event = ArcaEvent.of(type, catalog.tenantId, subject, data);
        inTransaction(c -> EventLog.append(c, List.of(event)));
        return event;
    }

    UUID deliver(UUID channel, ArcaEvent event, Instant due) throws SQLException {
        return inTransaction(c -> Deliveries.enqueue(c, catalog.tenantId, channel, event.id(), event.type(), due));
    }

    /** A backup.failed event of a new backup, delivered to {@code channel} now. */
    UUID backupFailed(UUID channel, String error) throws SQLException {
        ArcaEvent event = backupFailedEvent(error);
        return deliver(channel, event, Instant.now());
    }

    ArcaEvent backupFailedEvent(String error) throws SQLException {
        UUID backup = UUID.randomUUID();
        return event("backup.failed", Map.of("jobId", backup.toString(), "backupId", backup.toString(),
                "sourceId", catalog.sourceId.toString()), Map.of("sourceName", "shop", "error", error,
                "kind", "backup", "state", "failed"));
    }

    String state(UUID delivery) throws SQLException {
        return catalog.text("select state from notification_deliveries where id = ?", delivery);
    }

    String eventId(UUID delivery) throws SQLException {
        return catalog.text("select event_id from notification_deliveries where id = ?", delivery);
    }

    List<Attempt> attempts(UUID delivery) throws SQLException {
        List<Attempt> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select attempt, outcome, "
                + "response_status, latency_ms, error, response_excerpt from notification_attempts "
                + "where delivery_id = ? order by attempt, id")) {
            ps.setObject(1, delivery);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Attempt(rs.getInt(1), rs.getString(2), (Integer) rs.getObject(3), rs.getInt(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }

    /** Waits for {@code condition}, polling; fails naming {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    void awaitState(UUID delivery, String state) throws Exception {
        await("delivery " + delivery + " " + state, Duration.ofSeconds(30), () -> state.equals(state(delivery)));
    }

    private byte[] seal(UUID channel, String secret) {
        return sealer.seal(secret.getBytes(StandardCharsets.UTF_8), SealingContexts.webhookSecret(channel));
    }

    private static String json(Map<String, String> headers) {
        try {
            return EventLog.JSON.writeValueAsString(headers);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    interface InTransaction<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(InTransaction<T> work) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
