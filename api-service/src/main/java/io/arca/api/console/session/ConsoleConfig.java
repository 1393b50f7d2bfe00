package io.arca.api.console.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The web console's settings ({@code arca.console.*}). */
@ConfigMapping(prefix = "arca.console")
public interface ConsoleConfig {

    /** How long a console sign-in lasts (absolute, from sign-in); after it the browser is sent to sign in again. */
    @WithDefault("PT8H")
    Duration sessionTtl();
}
