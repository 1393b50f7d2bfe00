package io.arca.scheduler.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Catalog-wide gauges of the scheduler besides jobs and sources: the outbox backlog ({@code arca_outbox_pending},
 * {@code arca_outbox_oldest_age_seconds}: a stuck relay shows as a growing age) and each tenant's stored bytes
 * ({@code arca_storage_stored_bytes{tenant}}, the sum of its chunk index). Read every refresh interval; a scrape never
 * queries the catalog. The oldest row's age is computed at scrape time from its creation, so it grows between
 * refreshes.
 */
@Startup
@ApplicationScoped
public class CatalogGauges {
    private static final Logger LOG = Logger.getLogger(CatalogGauges.class);

    private final AgroalDataSource db;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    /** Creation of the oldest unpublished row; null when the outbox is drained. */
    private final AtomicReference<Timestamp> oldest = new AtomicReference<>();
    private final MultiGauge storedBytes;

    public CatalogGauges(AgroalDataSource db, Clock clock, MeterRegistry registry) {
        this.db = db;
        this.clock = clock;
        Gauge.builder("arca.outbox.pending", pending, AtomicLong::get)
                .description("outbox rows not yet published to Kafka").register(registry);
        Gauge.builder("arca.outbox.oldest.age.seconds", this, CatalogGauges::oldestAgeSeconds)
                .description("age of the oldest unpublished outbox row (0 when none)").register(registry);
        storedBytes = MultiGauge.builder("arca.storage.stored.bytes")
                .description("bytes of the tenant's stored chunks (its chunk index)").register(registry);
    }

    double oldestAgeSeconds() {
        Timestamp t = oldest.get();
        return t == null ? 0 : Math.max(0, Duration.between(t.toInstant(), clock.instant()).toMillis() / 1000.0);
    }

    @Scheduled(identity = "catalog-gauges", every = "${arca.metrics.refresh-interval}", delayed = "4s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection c = db.getConnection()) {
            readOutbox(c);
            storedBytes.register(readStorage(c), true);
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("catalog gauges not refreshed: %s", e.toString());
        }
    }

    private void readOutbox(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*), min(created_at) from outbox where published_at is null");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            pending.set(rs.getLong(1));
            oldest.set(rs.getTimestamp(2));
        }
    }

    private static List<MultiGauge.Row<?>> readStorage(Connection c) throws SQLException {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select t.name, coalesce(sum(ch.stored_size), 0) from tenants t "
                + "left join chunks ch on ch.tenant_id = t.id group by t.name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(MultiGauge.Row.of(Tags.of("tenant", rs.getString(1)), rs.getLong(2)));
            }
        }
        return rows;
    }
}
