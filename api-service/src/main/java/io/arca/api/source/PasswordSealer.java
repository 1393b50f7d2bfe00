package io.arca.api.source;

import io.arca.common.crypto.MasterKeyRing;
import io.arca.common.crypto.SealingContexts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Seals source passwords under the master key. The associated data ({@link SealingContexts#sourcePassword}, which
 * the worker opens them with) binds a sealed password to its source row, so a value copied into another row does
 * not open.
 */
@ApplicationScoped
public class PasswordSealer {
    private final MasterKeyRing sealer;

    @Inject
    public PasswordSealer(MasterKeyRing masterKeys) {
        this.sealer = masterKeys;
    }

    public byte[] seal(UUID sourceId, String password) {
        return sealer.seal(password.getBytes(StandardCharsets.UTF_8), SealingContexts.sourcePassword(sourceId));
    }

    public String open(UUID sourceId, byte[] sealed) {
        return new String(sealer.open(sealed, SealingContexts.sourcePassword(sourceId)), StandardCharsets.UTF_8);
    }
}
