package io.arca.scheduler.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a delivery attempt needs of its channel, read when the delivery is claimed (so an edit of the URL or a
 * rotation takes effect on the next attempt).
 *
 * @param headers                 the webhook's custom headers (validated by the API: no webhook-*, no CR/LF)
 * @param secretSealed            the current webhook secret, sealed under webhook-secret:&lt;id&gt;
 * @param previousSecretSealed    the previous secret during a rotation's overlap (signs until its expiry)
 * @param digestMinutes           email only: null sends one email per event
 */
public record ChannelTarget(UUID id, UUID tenantId, String name, String kind, String url, Map<String, String> headers,
                            byte[] secretSealed, byte[] previousSecretSealed, Instant previousSecretExpiresAt,
                            List<String> recipients, Integer digestMinutes) {

    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";

    public boolean isWebhook() {
        return WEBHOOK.equals(kind);
    }

    public boolean isDigest() {
        return EMAIL.equals(kind) && digestMinutes != null;
    }
}
