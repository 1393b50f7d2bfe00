package io.arca.api.events;

import io.arca.events.EventLog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Follows the catalog's event log for this API replica: one dedicated connection LISTENs on
 * {@link EventLog#NOTIFY_CHANNEL}, wakes on a notification or every {@code tail-poll-millis}, reads every event after
 * the last one it has seen (all tenants, one query per wake-up however many clients follow) and hands each to the
 * listeners that want it (stream clients, long polls). seq is commit order (V8), so "after the last seen" never skips
 * a late committer.
 *
 * <p>A lost connection is reopened and the tail reads on from the last seq it fanned out: nothing is lost or repeated.
 * It starts at the log's head; history is the replay's job ({@link EventReplay}).
 */
@ApplicationScoped
public class EventTail {
    /** The tail's connection says who it is, so operators (and a test) can find it in pg_stat_activity. */
    public static final String APPLICATION_NAME = "arca-event-tail";
    private static final Logger LOG = Logger.getLogger(EventTail.class);
    private static final long RECONNECT_DELAY_MILLIS = 1000;

    @Inject
    EventsConfig config;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}, as is {@link #position}: a listener sees exactly the events after its position. */
    private final Set<TailListener> listeners = new LinkedHashSet<>();
    private long position;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    void start(@Observes StartupEvent event) throws SQLException {
        try (Connection c = open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select seq from event_log_head where id = 1")) {
            position = rs.next() ? rs.getLong(1) : 0;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name(APPLICATION_NAME).start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        lock.lock();
        try {
            listeners.forEach(TailListener::tailStopped);
        } finally {
            lock.unlock();
        }
        closeConnection();
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
        }
    }

    /**
     * Adds a listener.
     *
     * @return the seq it starts after: it receives every wanted event with a greater seq, and none before
     */
    long register(TailListener listener) {
        lock.lock();
        try {
            listeners.add(listener);
            return position;
        } finally {
            lock.unlock();
        }
    }

    void unregister(TailListener listener) {
        lock.lock();
        try {
            listeners.remove(listener);
        } finally {
            lock.unlock();
        }
    }

    /** False once the service shuts down: stream clients end then, so shutdown does not wait for them. */
    public boolean running() {
        return running;
    }

    /** The last seq fanned out. */
    public long position() {
        lock.lock();
        try {
            return position;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                if (connection == null) {
                    connection = open();
                    try (Statement s = connection.createStatement()) {
                        s.execute("listen " + EventLog.NOTIFY_CHANNEL);
                    }
                }
                // LISTEN is in place before this read: an event committed after it also notifies, so none is missed
                while (readNew() == config.tailBatchSize()) {
                    // a full batch: more are waiting
                }
                connection.unwrap(PGConnection.class).getNotifications(config.tailPollMillis());
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warnf("event tail: catalog connection lost (%s); reconnecting, then reading on after seq %d",
                        e.getMessage(), position());
                closeConnection();
                sleepBeforeReconnect();
            }
        }
    }

    private int readNew() throws SQLException {
        long after = position();
        List<TailEvent> batch = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("select " + TailEvent.COLUMNS
                + " from events where seq > ? order by seq limit ?")) {
            ps.setLong(1, after);
            ps.setInt(2, config.tailBatchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batch.add(TailEvent.read(rs));
                }
            }
        }
        fanOut(batch);
        return batch.size();
    }

    private void fanOut(List<TailEvent> batch) {
        lock.lock();
        try {
            for (TailEvent e : batch) {
                for (TailListener l : listeners) {
                    if (l.wants(e)) {
                        l.accept(e);
                    }
                }
                position = e.seq();
            }
        } finally {
            lock.unlock();
        }
    }

    private Connection open() throws SQLException {
        Properties props = new Properties();
        username.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("tcpKeepAlive", "true");
        // a half-open connection would otherwise block a read forever; the tail's reads are small and quick
        props.setProperty("socketTimeout", "60");
        Connection c = DriverManager.getConnection(jdbcUrl, props);
        c.setAutoCommit(true);
        return c;
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debugf("event tail: closing its connection: %s", e.getMessage());
            }
        }
    }

    private void sleepBeforeReconnect() {
        try {
            Thread.sleep(RECONNECT_DELAY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
