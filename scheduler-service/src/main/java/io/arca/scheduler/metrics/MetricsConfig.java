package io.arca.scheduler.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The scheduler's catalog-wide metrics, under {@code arca.metrics.}. */
@ConfigMapping(prefix = "arca.metrics")
public interface MetricsConfig {

    /**
     * Sources that get their own per-source series ({@code arca_source_*{tenant,source}}); the sources with the largest
     * last-success age keep theirs, the rest fold into one series {@code tenant="_other", source="_other"}. Bounds the
     * scrape size: each kept source costs five series.
     */
    @WithDefault("500")
    int sourceSeriesLimit();

    /**
     * How often the scheduler reads the catalog for its gauges (jobs by state, sources, outbox, storage; Quarkus
     * duration: {@code 15s}). Scrapes never query the catalog. Read by {@code @Scheduled}, so it must also be set as a
     * property (application.properties has it).
     */
    @WithDefault("15s")
    String refreshInterval();
}
