package io.arca.jobs.cdi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Garbage collection of chunks, under {@code arca.gc.}: the scheduler starts runs, the API records them on request,
 * the worker runs them. One mapping for all three, so the grace period has one default.
 */
@ConfigMapping(prefix = "arca.gc")
public interface GcConfig {

    /**
     * How long an unreferenced chunk (or an object no catalog row names) stays before a run may delete it (ISO-8601
     * duration). A run deletes only chunks created before its cutoff (= when it was recorded minus this). It must be
     * longer than any backup takes between looking a chunk up and recording its upload.
     */
    @WithDefault("PT24H")
    Duration gracePeriod();

    /** Chunk rows one garbage collection transaction locks and deletes at most (and objects listed per page). */
    @WithDefault("1000")
    int batchSize();

    /**
     * How often the scheduler records a gc run for every tenant that has chunks (Quarkus duration: {@code 1h},
     * {@code 30m}; {@code off} disables it). Read by {@code @Scheduled}, so it is also set as a property.
     */
    @WithDefault("6h")
    String interval();
}
