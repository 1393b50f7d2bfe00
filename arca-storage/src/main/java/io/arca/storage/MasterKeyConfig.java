package io.arca.storage;

import io.smallrye.config.ConfigMapping;

/**
 * The master key, under {@code arca.security.} (api-service's SecurityConfig maps the same prefix with its
 * bootstrap key too; each mapping reads only its own keys).
 */
@ConfigMapping(prefix = "arca.security")
public interface MasterKeyConfig {

    /** Base64 of the 32-byte master key that seals source passwords and wraps tenant data keys (same in every service). */
    String masterKey();
}
