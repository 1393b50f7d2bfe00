package io.arca.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Retention evaluation and the failed cleanup, under {@code arca.retention.}. */
@ConfigMapping(prefix = "arca.retention")
public interface RetentionConfig {

    /**
     * How often every scope with a policy (each schedule with one, each source with a default policy) is evaluated,
     * and failed backups past their maximum age are cleaned (Quarkus duration: {@code 10m}; {@code off} disables it).
     * Read by {@code @Scheduled}, so it must also be set as a property (application.properties has it).
     */
    @WithDefault("10m")
    String interval();

    /**
     * How often the scopes with a backup finished since their last evaluation are evaluated again, so a completed
     * backup's expirations follow within this delay; cheap when nothing finished (Quarkus duration; {@code off}
     * disables it). Read by {@code @Scheduled}, so it must also be set as a property.
     */
    @WithDefault("30s")
    String recheckInterval();

    /**
     * Backups one scope's evaluation expires at most in one transaction (the oldest first); the sweep evaluates the
     * scope again at once for the rest. Bounds the transaction when a policy first meets a large scope: each expired
     * backup writes a delete job and three outbox rows.
     */
    @WithDefault("500")
    int maxExpirationsPerTransaction();

    /** Age (ISO-8601 duration, from the end of the job) after which a failed or cancelled backup is deleted. */
    @WithDefault("P7D")
    Duration failedMaxAge();
}
