package io.arca.storage;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * The master keys, under {@code arca.security.} (api-service's SecurityConfig maps the same prefix with its
 * bootstrap key too; each mapping reads only its own keys). Every service builds its {@link
 * io.arca.common.crypto.MasterKeyRing} from here ({@link MasterKeys}).
 */
@ConfigMapping(prefix = "arca.security")
public interface MasterKeyConfig {

    /**
     * Base64 of the 32-byte current master key: seals source passwords and webhook secrets, wraps tenant data keys,
     * derives the download-link key (same in every service).
     */
    String masterKey();

    /**
     * Base64 32-byte master keys retired by a rotation (comma-separated in the environment): they still open what they
     * sealed, never seal. Remove one once {@code GET /api/v1/admin/master-key} reports nothing left under it.
     */
    Optional<List<String>> previousMasterKeys();
}
