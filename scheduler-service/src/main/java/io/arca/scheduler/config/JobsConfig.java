package io.arca.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Job retry policy, under {@code arca.jobs.} (the worker reads {@code arca.jobs.lease-seconds} from here too). */
@ConfigMapping(prefix = "arca.jobs")
public interface JobsConfig {

    /** Attempts a job gets (the first run included) before a lost lease fails it instead of re-queuing it. */
    @WithDefault("3")
    int maxAttempts();

    /** Seconds before a re-queued job is published again, doubled for every further attempt. */
    @WithDefault("5")
    int retryBackoffSeconds();

    /** Upper bound of the re-queue backoff in seconds. */
    @WithDefault("300")
    int retryBackoffMaxSeconds();
}
