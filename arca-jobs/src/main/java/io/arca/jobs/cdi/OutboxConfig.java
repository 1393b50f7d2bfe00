package io.arca.jobs.cdi;

import io.arca.jobs.relay.RelaySettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay that every service runs, under {@code arca.outbox.}. */
@ConfigMapping(prefix = "arca.outbox")
public interface OutboxConfig {

    /** Run the relay in this process (any number of processes may: an advisory lock lets one publish at a time). */
    @WithDefault("true")
    boolean enabled();

    /** Most rows published per transaction. */
    @WithDefault("200")
    int batchSize();

    /** Milliseconds between polls when the outbox was empty. */
    @WithDefault("200")
    long pollIntervalMillis();

    /** Longest pause in seconds between attempts while Kafka or the database fails (doubles from the poll interval). */
    @WithDefault("10")
    long maxBackoffSeconds();

    /** Seconds a message may take to be acknowledged by the broker (all in-sync replicas) before it counts as failed. */
    @WithDefault("15")
    int sendTimeoutSeconds();

    default RelaySettings settings() {
        return new RelaySettings(batchSize(), pollIntervalMillis(), maxBackoffSeconds(), sendTimeoutSeconds());
    }
}
