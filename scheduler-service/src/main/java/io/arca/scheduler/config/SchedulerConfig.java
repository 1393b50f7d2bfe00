package io.arca.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Scheduler settings, under {@code arca.scheduler.}. */
@ConfigMapping(prefix = "arca.scheduler")
public interface SchedulerConfig {

    /**
     * How often the orphan sweep runs (Quarkus duration: {@code 10s}, {@code 1m}; {@code off} disables it).
     * Read by {@code @Scheduled}, so it must also be set as a property (application.properties has it).
     */
    @WithDefault("10s")
    String orphanSweepInterval();

    /** Rows one sweep transaction locks and handles at most; the sweep repeats until a batch is not full. */
    @WithDefault("100")
    int sweepBatchSize();
}
