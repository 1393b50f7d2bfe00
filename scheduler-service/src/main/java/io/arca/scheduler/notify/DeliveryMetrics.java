package io.arca.scheduler.notify;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code arca_notifications_attempts_total{kind,outcome}}, {@code arca_notifications_delivery_delay_seconds}
 * (histogram: event time to delivered) and {@code arca_notifications_delivery_lag_seconds} (gauge: how long the oldest
 * due pending delivery has waited, 0 if none; measured every 5 s so scrapes never query the catalog).
 */
@ApplicationScoped
public class DeliveryMetrics {
    private static final Logger LOG = Logger.getLogger(DeliveryMetrics.class);
    private static final String OLDEST_DUE = "select coalesce(extract(epoch from now() - min(next_attempt_at)), 0) "
            + "from notification_deliveries where state = 'pending' and next_attempt_at <= now()";

    private final AgroalDataSource db;
    private final MeterRegistry registry;
    private final Timer delay;
    private final AtomicLong lagMillis = new AtomicLong();

    public DeliveryMetrics(AgroalDataSource db, MeterRegistry registry) {
        this.db = db;
        this.registry = registry;
        this.delay = Timer.builder("arca.notifications.delivery.delay")
                .description("time from an event to its delivery (webhook 2xx or email accepted)")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("arca.notifications.delivery.lag", lagMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("how long the oldest due pending delivery has waited (0: none waits)").register(registry);
    }

    void attempt(String kind, AttemptOutcome outcome) {
        Counter.builder("arca.notifications.attempts").description("delivery attempts by channel kind and outcome")
                .tag("kind", kind).tag("outcome", outcome.outcomeName()).register(registry).increment();
    }

    void delivered(Instant eventTime) {
        if (eventTime != null) {
            Duration d = Duration.between(eventTime, Instant.now());
            delay.record(d.isNegative() ? Duration.ZERO : d);
        }
    }

    @Scheduled(identity = "notification-lag", every = "5s", delayed = "5s")
    void refreshLag() {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(OLDEST_DUE)) {
            rs.next();
            lagMillis.set(Math.round(rs.getDouble(1) * 1000));
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("delivery lag not refreshed: %s", e.toString());
        }
    }
}
