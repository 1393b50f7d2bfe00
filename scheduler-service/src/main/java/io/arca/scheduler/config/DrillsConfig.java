package io.arca.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Restore drills, under {@code arca.drills.} (a schedule's drill policy says how often; these say how they start). */
@ConfigMapping(prefix = "arca.drills")
public interface DrillsConfig {

    /**
     * How often the scheduler looks for due drills (Quarkus duration: {@code 1m}; {@code off} disables drills). Read
     * by {@code @Scheduled}, so it must also be set as a property (application.properties has it).
     */
    @WithDefault("1m")
    String tickInterval();

    /** Due schedules one drill transaction locks and starts at most. */
    @WithDefault("50")
    int batchSize();

    /**
     * When a drill is due but its schedule has no backup to prove yet (none completed, or every one corrupted or
     * deleted), how long until it looks again (ISO-8601 duration), rather than waiting a whole drill period.
     */
    @WithDefault("PT1H")
    Duration retryWithoutBackup();
}
