package io.arca.scheduler.schedules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Firing of schedules, under {@code arca.schedules.}. */
@ConfigMapping(prefix = "arca.schedules")
public interface SchedulesConfig {

    /**
     * How often the scheduler looks for schedules whose time has come (Quarkus duration: {@code 5s}, {@code 1m};
     * {@code off} disables firing in this replica). A fire is at most this late plus the time to fire what is due
     * before it. Read by {@code @Scheduled}, so it must also be set as a property (application.properties has it).
     */
    @WithDefault("5s")
    String tickInterval();

    /** Due schedules one transaction claims and fires at most; a tick repeats batches until one is not full. */
    @WithDefault("100")
    int claimBatchSize();
}
