package io.arca.api.auth;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The bootstrap key from configuration ({@code arca.security.*}); never logged. The master keys under the same prefix
 * are read by io.arca.storage.MasterKeyConfig, which every service shares.
 */
@ConfigMapping(prefix = "arca.security")
public interface SecurityConfig {

    /**
     * The bootstrap API key: admin of the {@code default} tenant and the only key that may create tenants.
     * Registered (as a hash) at start-up; when it changes, the previous bootstrap key is revoked.
     */
    Optional<String> bootstrapAdminKey();
}
