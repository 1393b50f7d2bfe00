package io.arca.api.auth;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Secrets from configuration ({@code arca.security.*}); never logged. */
@ConfigMapping(prefix = "arca.security")
public interface SecurityConfig {

    /** Base64 of 32 random bytes ({@code openssl rand -base64 32}): seals source passwords with AES-256-GCM. */
    String masterKey();

    /**
     * The bootstrap API key: admin of the {@code default} tenant and the only key that may create tenants.
     * Registered (as a hash) at start-up; when it changes, the previous bootstrap key is revoked.
     */
    Optional<String> bootstrapAdminKey();
}
