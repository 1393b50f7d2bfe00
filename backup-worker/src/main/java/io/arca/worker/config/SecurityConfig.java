package io.arca.worker.config;

import io.smallrye.config.ConfigMapping;

/** Secrets, under {@code arca.security.}. */
@ConfigMapping(prefix = "arca.security")
public interface SecurityConfig {

    /** Base64 of the 32-byte master key that seals source passwords and tenant data keys (same as api-service). */
    String masterKey();
}
