package io.arca.scheduler.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The scheduler's event-log chores, under {@code arca.events.} (retention itself is
 * {@code arca.notifications.event-retention} and {@code progress-retention}, shared with the API).
 */
@ConfigMapping(prefix = "arca.events")
public interface EventsConfig {

    /**
     * How often old events are pruned from the log (Quarkus duration: {@code 5m}; {@code off} disables pruning). Read
     * by {@code @Scheduled}, so it must also be set as a property (application.properties has it).
     */
    @WithDefault("5m")
    String pruneInterval();

    /** Events one pruning transaction deletes at most (it repeats until fewer are due). */
    @WithDefault("1000")
    int pruneBatchSize();

    /**
     * How often the scheduler looks for late sources and emits {@code backup.late} (Quarkus duration: {@code 1m};
     * {@code off} disables it). Read by {@code @Scheduled}, so it must also be set as a property.
     */
    @WithDefault("1m")
    String lateSweepInterval();
}
