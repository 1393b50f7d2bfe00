package io.arca.api.notification;

import io.arca.common.crypto.MasterKeyRing;
import io.arca.common.crypto.SealingContexts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Seals webhook signing secrets (the whole {@code whsec_...} text, UTF-8) under the master key. The associated data
 * ({@link SealingContexts#webhookSecret}, which scheduler-service opens them with) binds a sealed secret to its
 * channel, so a value copied into another channel's row does not open.
 */
@ApplicationScoped
public class WebhookSecretSealer {
    private final MasterKeyRing sealer;

    @Inject
    public WebhookSecretSealer(MasterKeyRing masterKeys) {
        this.sealer = masterKeys;
    }

    public byte[] seal(UUID channelId, String secret) {
        return sealer.seal(secret.getBytes(StandardCharsets.UTF_8), SealingContexts.webhookSecret(channelId));
    }

    public String open(UUID channelId, byte[] sealed) {
        return new String(sealer.open(sealed, SealingContexts.webhookSecret(channelId)), StandardCharsets.UTF_8);
    }
}
