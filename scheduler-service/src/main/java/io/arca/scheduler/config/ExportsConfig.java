package io.arca.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Export expiry, under {@code arca.exports.} (the API sets each export's {@code expires_at}). */
@ConfigMapping(prefix = "arca.exports")
public interface ExportsConfig {

    /**
     * Seconds between two sweeps that delete the objects of expired exports and mark them deleted. Read by
     * {@code @Scheduled}, so it must also be set as a property (application.properties has it).
     */
    @WithDefault("60")
    int sweepIntervalSeconds();
}
