package io.arca.jobs.relay;

import io.arca.common.messages.MessageStreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows (whichever service wrote them) to their Kafka topics, at least once and in id order, and
 * stamps {@code published_at} only after the broker acknowledged the row.
 *
 * <p>Every service runs one (api, worker, scheduler), so messages flow while any of them is up: the scheduler's
 * re-queues and the worker's events do not wait for the API. One loop on a virtual thread. Each round is one
 * database transaction that first takes {@code pg_try_advisory_xact_lock}: of all relays in all processes only one
 * publishes at a time, so rows of one key are never published by two relays in parallel (which could reorder them).
 * It reads the oldest unpublished rows ordered by id, publishes them, stamps the acknowledged prefix and commits.
 * When Kafka is down nothing is stamped, the rows stay, and the loop backs off (doubling up to
 * {@link RelaySettings#maxBackoffSeconds()}) until the broker returns. A crash between the ack and the stamp
 * re-publishes those rows: consumers are idempotent.
 */
public class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock id of the relay ("arcaoutb" in ASCII). */
    static final long LOCK_ID = 0x617263616f757462L;
    private static final String[] STREAMS = {MessageStreams.JOBS, MessageStreams.EVENTS, MessageStreams.JOBS_DLQ};

    private final DataSource dataSource;
    private final OutboxKafka kafka;
    private final OutboxPublisher publisher;
    private final RelaySettings config;
    private final Counter published;
    private final Counter failures;

    private volatile boolean running;
    private volatile boolean topicsReady;
    private Thread thread;

    public OutboxRelay(DataSource dataSource, OutboxKafka kafka, RelaySettings config, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.publisher = new OutboxPublisher(kafka, config);
        this.config = config;
        this.published = metrics.counter("arca.outbox.published");
        this.failures = metrics.counter("arca.outbox.publish.failures");
        // the backlog, read from the catalog on scrape: rises while Kafka is down, the first thing to alert on
        metrics.gauge("arca.outbox.unpublished", this, OutboxRelay::unpublishedCount);
    }

    /** Starts the relay loop on a virtual thread. */
    public synchronized void start() {
        running = true;
        thread = Thread.ofVirtual().name("outbox-relay").start(this::loop);
    }

    /** Stops the loop (waits up to 10 s for a round in flight) and closes the producer. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
        publisher.close();
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
