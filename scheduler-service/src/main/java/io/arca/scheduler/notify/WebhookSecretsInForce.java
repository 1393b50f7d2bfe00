package io.arca.scheduler.notify;

import io.arca.common.crypto.MasterKeyRing;
import io.arca.common.crypto.SealingContexts;
import io.arca.events.delivery.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a channel's sealed webhook secrets (sealed by the API under {@code webhook-secret:<channelId>}) and returns
 * the HMAC keys that sign now: the current one, plus the previous one while its rotation overlap lasts, newest first.
 */
final class WebhookSecretsInForce {
    private final MasterKeyRing sealer;

    WebhookSecretsInForce(MasterKeyRing sealer) {
        this.sealer = sealer;
    }

    /** @throws io.arca.common.crypto.SecretUnsealException when a secret does not open (another master key) */
    List<byte[]> keys(ChannelTarget channel, Instant now) {
        List<byte[]> keys = new ArrayList<>(2);
        keys.add(open(channel, channel.secretSealed()));
        if (channel.previousSecretSealed() != null && channel.previousSecretExpiresAt() != null
                && channel.previousSecretExpiresAt().isAfter(now)) {
            keys.add(open(channel, channel.previousSecretSealed()));
        }
        return keys;
    }

    private byte[] open(ChannelTarget channel, byte[] sealed) {
        byte[] secret = sealer.open(sealed, SealingContexts.webhookSecret(channel.id()));
        return WebhookSecrets.key(new String(secret, StandardCharsets.UTF_8));
    }
}
