package io.arca.worker.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Worker settings, under {@code arca.worker.}. */
@ConfigMapping(prefix = "arca.worker")
public interface WorkerConfig {

    /** How many jobs one worker process runs at the same time; further messages wait on the topic. */
    @WithDefault("2")
    int concurrency();

    /** Identity written into claimed rows ({@code worker_id}); default: host name, pid and a random suffix. */
    Optional<String> id();

    /** Minimum seconds between two progress writes of a running job (row counters + progress event). */
    @WithDefault("2")
    int progressIntervalSeconds();

    /** Tables one backup or restore job copies in parallel (each uses one connection to the database). */
    @WithDefault("2")
    int tableParallelism();

    /**
     * A table whose heap holds at least twice this many bytes is backed up as block ranges of this size, copied by
     * the {@code table-parallelism} sessions at once (the segments of one archive entry), and restored the same way,
     * its ranges loaded in parallel into the one table. 0 never splits. Takes effect on PostgreSQL 14 and newer
     * (TID range scans); a backup taken with another size splits differently and shares no chunks of that table.
     */
    @WithDefault("64M")
    MemorySize splitTableSize();

    /**
     * On SIGTERM, how long running jobs may still run to completion before they are stopped and released (back to
     * queued, attempt unchanged, their job message published again for another worker). Keep it below the pod's
     * {@code terminationGracePeriodSeconds} (deploy/k8s: 120 s) and compose's {@code stop_grace_period} by at least
     * 20 s: the release and the Kafka consumer's leaving the group happen after it.
     */
    @WithDefault("90s")
    Duration shutdownGrace();
}
