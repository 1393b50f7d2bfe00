package io.arca.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Job lease settings, under {@code arca.jobs.} (shared with scheduler-service, which reads the retry keys). */
@ConfigMapping(prefix = "arca.jobs")
public interface JobsConfig {

    /** Seconds a claim is valid without a heartbeat; the worker heartbeats every third of it. */
    @WithDefault("30")
    int leaseSeconds();
}
