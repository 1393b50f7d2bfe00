package io.arca.api.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Export jobs, under {@code arca.exports.}. */
@ConfigMapping(prefix = "arca.exports")
public interface ExportsConfig {

    /**
     * Days an export's file stays in the bucket after the request; then the scheduler deletes it and
     * {@code GET /api/v1/exports/{id}} answers 410. Set on each export when it is requested.
     */
    @WithDefault("7")
    int retentionDays();
}
