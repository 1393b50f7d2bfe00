package io.arca.scheduler.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jboss.logging.Logger;

/**
 * The per-source gauges ({@code arca_source_*{tenant,source}}, folded by {@link SourceSeries}), {@code arca_sources}
 * and {@code arca_source_series_folded}. One catalog query per refresh ({@link SourceFacts}); a scrape only reads
 * what the last refresh left, and computes ages against the clock, so an age keeps growing between refreshes. The
 * gauges are {@link MultiGauge}s overwritten at each refresh: a deleted or newly folded source's series disappears.
 * Each refresh's time and this JVM's CPU for it are exported too ({@code arca_metrics_refresh_*}), to size the cost.
 */
@Startup
@ApplicationScoped
public class SourceGauges {
    private static final Logger LOG = Logger.getLogger(SourceGauges.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final AgroalDataSource db;
    private final SourceFacts facts;
    private final MetricsConfig config;
    private final Clock clock;
    private final MultiGauge successAge;
    private final MultiGauge restorableAge;
    private final MultiGauge backupBytes;
    private final MultiGauge late;
    private final MultiGauge overdue;
    private final AtomicInteger sources = new AtomicInteger();
    private final AtomicInteger folded = new AtomicInteger();
    private final Timer refreshTime;
    private final Counter refreshCpu;

    public SourceGauges(AgroalDataSource db, ObjectMapper json, MetricsConfig config, Clock clock,
            MeterRegistry registry) {
        this.db = db;
        this.facts = new SourceFacts(json);
        this.config = config;
        this.clock = clock;
        successAge = gauge(registry, "arca.source.last.success.age.seconds",
                "seconds since the source's newest successful backup ended (never: since the source was created)");
        restorableAge = gauge(registry, "arca.source.last.restorable.age.seconds",
                "seconds since the source was last proven restorable (never: since the source was created)");
        backupBytes = gauge(registry, "arca.source.last.backup.bytes",
                "storedSize of the source's newest successful backup");
        late = gauge(registry, "arca.source.backup.late", "1 when the source's backups are late (folded: how many)");
        overdue = gauge(registry, "arca.source.drill.overdue",
                "1 when the source's restore drill is overdue (folded: how many)");
        Gauge.builder("arca.sources", sources, AtomicInteger::get).description("live sources in the catalog")
                .register(registry);
        Gauge.builder("arca.source.series.folded", folded, AtomicInteger::get)
                .description("sources folded into the source=\"_other\" series (arca.metrics.source-series-limit)")
                .register(registry);
        refreshTime = Timer.builder("arca.metrics.refresh").description("time of one refresh of the source gauges")
                .register(registry);
        refreshCpu = Counter.builder("arca.metrics.refresh.cpu.seconds")
                .description("CPU time this scheduler spent refreshing the source gauges").register(registry);
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    @Scheduled(identity = "source-gauges", every = "${arca.metrics.refresh-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        try (Connection c = db.getConnection()) {
            List<SourceState> all = facts.read(c, clock.instant());
            publish(SourceSeries.fold(all, config.sourceSeriesLimit()), all.size());
        } catch (Exception e) {
            LOG.debugf("source gauges not refreshed: %s", e.toString());
        } finally {
            refreshTime.record(Duration.ofNanos(System.nanoTime() - started));
            refreshCpu.increment((THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e9);
        }
    }

    private void publish(SourceSeries series, int total) {
        successAge.register(rows(series, s -> s.lastSuccessSince(), this::ageSeconds), true);
        restorableAge.register(rows(series, s -> s.lastRestorableSince(), this::ageSeconds), true);
        backupBytes.register(rows(series, s -> s, s -> s.lastBackupBytes()), true);
        late.register(rows(series, s -> s, s -> s.late()), true);
        overdue.register(rows(series, s -> s, s -> s.overdue()), true);
        sources.set(total);
        folded.set(series.folded());
    }

    private double ageSeconds(Instant since) {
        return Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }

    private static <T> List<MultiGauge.Row<?>> rows(SourceSeries series, Function<SourceState, T> value,
            ToDoubleFunction<T> read) {
        return series.rows().stream().<MultiGauge.Row<?>>map(s -> MultiGauge.Row.of(
                Tags.of("tenant", s.tenant(), "source", s.source()), value.apply(s), read)).toList();
    }
}
