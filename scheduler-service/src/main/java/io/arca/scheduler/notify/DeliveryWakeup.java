package io.arca.scheduler.notify;

import io.arca.events.delivery.Deliveries;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes the dispatcher: at once when a delivery becomes due ({@code LISTEN arca_deliveries} on a connection of its
 * own, outside the pool, since it is held for the life of the service) or when an attempt ends and frees a slot;
 * otherwise the dispatcher's wait ends after the fallback poll interval. A lost connection is re-opened; until then
 * the poll alone keeps deliveries moving.
 */
final class DeliveryWakeup {
    private static final Logger LOG = Logger.getLogger(DeliveryWakeup.class);
    private static final int LISTEN_WAIT_MILLIS = 1000;

    private final String jdbcUrl;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Object lock = new Object();
    private boolean signalled;
    private volatile boolean running;
    private Thread listener;

    DeliveryWakeup(String jdbcUrl, Optional<String> user, Optional<String> password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    void start() {
        running = true;
        listener = Thread.ofVirtual().name("arca-deliveries-listen").start(this::listen);
    }

    /** Stops listening; returns once the listening connection is closed (within about a second). */
    void stop() throws InterruptedException {
        running = false;
        signal();
        if (listener != null) {
            listener.join(2 * LISTEN_WAIT_MILLIS);
        }
    }

    void signal() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    /** Waits until signalled or {@code timeout} passed. */
    void await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!signalled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            signalled = false;
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, user.orElse(null), password.orElse(null))) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + Deliveries.NOTIFY_CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(LISTEN_WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        signal();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("LISTEN %s lost (%s); polling until it is back", Deliveries.NOTIFY_CHANNEL,
                            e.getMessage());
                    sleepQuietly();
                }
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
