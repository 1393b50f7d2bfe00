package io.arca.jobs.cdi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Job leases and retries, under {@code arca.jobs.}: the worker holds leases, the scheduler re-queues. */
@ConfigMapping(prefix = "arca.jobs")
public interface JobsConfig {

    /** Seconds a claim is valid without a heartbeat; the worker heartbeats every third of it. */
    @WithDefault("30")
    int leaseSeconds();

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
