package io.arca.api.notification;

import io.arca.api.audit.AuditLog;
import io.arca.api.error.ProblemException;
import io.arca.api.notification.ChannelDtos.RotateSecretRequest;
import io.arca.api.notification.ChannelDtos.RotatedSecret;
import io.arca.events.delivery.WebhookSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Replaces a webhook's signing secret. During the overlap the engine signs with both (Standard Webhooks allows several
 * space-separated signatures), so receivers can switch to the new secret without dropping a message; a second
 * rotation within the overlap drops the oldest secret.
 */
@ApplicationScoped
public class SecretRotation {
    static final int DEFAULT_OVERLAP_HOURS = 24;
    static final int MAX_OVERLAP_HOURS = 168;

    @Inject
    AuditLog audit;
    @Inject
    NotificationChannelService channels;
    @Inject
    WebhookSecretSealer sealer;

    @Transactional
    public RotatedSecret rotate(UUID channelId, RotateSecretRequest request) {
        int overlapHours = overlapHours(request);
        NotificationChannel c = channels.find(channelId);
        if (!c.isWebhook()) {
            throw ProblemException.conflict("channel " + channelId + " is an email channel: it has no secret", "kind");
        }
        String secret = WebhookSecrets.generate();
        Instant now = NotificationChannelService.now();
        if (overlapHours > 0) {
            // the same channel, so the same sealing context: the sealed bytes move as they are
            c.previousSecretSealed = c.secretSealed;
            c.previousSecretExpiresAt = now.plus(Duration.ofHours(overlapHours));
        } else {
            c.previousSecretSealed = null;
            c.previousSecretExpiresAt = null;
        }
        c.secretSealed = sealer.seal(c.id, secret);
        c.updatedAt = now;
        audit.record("notification-channel.rotate-secret", "notification-channel", c.id,
                Map.of("overlapHours", overlapHours));
        return new RotatedSecret(secret, c.previousSecretExpiresAt);
    }

    private static int overlapHours(RotateSecretRequest request) {
        Integer hours = request == null ? null : request.overlapHours();
        if (hours == null) {
            return DEFAULT_OVERLAP_HOURS;
        }
        if (hours < 0 || hours > MAX_OVERLAP_HOURS) {
            throw ChannelValidator.invalid("overlapHours", "overlapHours must be between 0 and " + MAX_OVERLAP_HOURS);
        }
        return hours;
    }
}
