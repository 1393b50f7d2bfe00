package io.arca.api.source;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Source handling ({@code arca.sources.*}). */
@ConfigMapping(prefix = "arca.sources")
public interface SourcesConfig {

    /** Upper bound of connect, login and query time of {@code POST /api/v1/sources/{id}/check}. */
    @WithDefault("10")
    int checkTimeoutSeconds();
}
