package io.arca.api.outbox;

import io.agroal.api.AgroalDataSource;
import io.arca.common.messages.MessageStreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes every outbox row (written by this service, the worker and the scheduler) to its Kafka topic, at least
 * once and in id order, and stamps {@code published_at} only after the broker acknowledged the row.
 *
 * <p>One loop on a virtual thread. Each round is one database transaction that first takes
 * {@code pg_try_advisory_xact_lock}: with several API replicas only one relays at a time, so rows of one key are
 * never published by two relays in parallel (which could reorder them). It reads the oldest unpublished rows
 * ordered by id, publishes them, stamps the acknowledged prefix and commits. When Kafka is down nothing is stamped,
 * the rows stay, and the loop backs off (doubling up to {@link OutboxConfig#maxBackoffSeconds()}) until the broker
 * returns. A crash between the ack and the stamp re-publishes those rows: consumers are idempotent.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock id of the relay ("arcaoutb" in ASCII). */
    static final long LOCK_ID = 0x617263616f757462L;
    private static final String[] STREAMS = {MessageStreams.JOBS, MessageStreams.EVENTS, MessageStreams.JOBS_DLQ};

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxPublisher publisher;

    @Inject
    KafkaClients kafka;

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry metrics;

    private volatile boolean running;
    private volatile boolean topicsReady;
    private Thread thread;
    private Counter published;
    private Counter failures;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("outbox relay disabled (arca.outbox.enabled=false)");
            return;
        }
        published = metrics.counter("arca.outbox.published");
        failures = metrics.counter("arca.outbox.publish.failures");
        // the backlog, read from the catalog on scrape: rises while Kafka is down, the first thing to alert on
        metrics.gauge("arca.outbox.unpublished", this, OutboxRelay::unpublishedCount);
        running = true;
        thread = Thread.ofVirtual().name("outbox-relay").start(this::loop);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    private void loop() {
        long backoffMillis = config.pollIntervalMillis();
        while (running) {
            try {
                if (!topicsReady) {
                    kafka.ensureTopics();
                    topicsReady = true;
                }
                int relayed = relayOnce();
                backoffMillis = config.pollIntervalMillis();
                if (relayed < config.batchSize()) {
                    Thread.sleep(config.pollIntervalMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failures.increment();
                LOG.warnf("outbox relay: %s; retrying in %d ms", describe(e), backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, config.maxBackoffSeconds() * 1000);
            }
        }
    }

    /**
     * One round: publishes up to a batch of rows.
     *
     * @return rows published; 0 when there was nothing to do or another replica holds the lock
     * @throws RelayException when the broker did not acknowledge every row of the batch
     */
    int relayOnce() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int relayed = relay(connection);
                connection.commit();
                return relayed;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    private int relay(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_ID);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        List<OutboxRow> rows = unpublished(connection);
        if (rows.isEmpty()) {
            return 0;
        }
        OutboxPublisher.Outcome outcome = publisher.publish(rows);
        stamp(connection, rows.subList(0, outcome.acknowledged()));
        published.increment(outcome.acknowledged());
        if (outcome.failure() != null) {
            OutboxRow failed = rows.get(outcome.acknowledged());
            recordFailure(connection, failed, describe(outcome.failure()));
            connection.commit(); // keep the stamps of the acknowledged prefix and the failure note
            throw new RelayException("outbox row " + failed.id() + " not acknowledged: " + describe(outcome.failure()));
        }
        return rows.size();
    }

    private List<OutboxRow> unpublished(Connection connection) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, stream, message_key, payload::text from outbox "
                        + "where published_at is null and stream = any(?) order by id limit ?")) {
            Array streams = connection.createArrayOf("text", STREAMS);
            select.setArray(1, streams);
            select.setInt(2, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return rows;
    }

    double unpublishedCount() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "select count(*) from outbox where published_at is null");
             ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    private static void stamp(Connection connection, List<OutboxRow> acknowledged) throws SQLException {
        if (acknowledged.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox set published_at = now(), attempts = attempts + 1 where id = any(?)")) {
            Long[] ids = acknowledged.stream().map(OutboxRow::id).toArray(Long[]::new);
            update.setArray(1, connection.createArrayOf("bigint", ids));
            update.executeUpdate();
        }
    }

    private static void recordFailure(Connection connection, OutboxRow row, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox set attempts = attempts + 1, last_error = ? where id = ?")) {
            update.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
            update.setLong(2, row.id());
            update.executeUpdate();
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is discarded anyway
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The broker did not acknowledge a row; the round's acknowledged prefix is committed. */
    static final class RelayException extends RuntimeException {
        RelayException(String message) {
            super(message);
        }
    }
}
