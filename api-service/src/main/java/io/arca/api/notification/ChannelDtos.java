package io.arca.api.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the notification channel endpoints, and the mapping from the entity. */
public final class ChannelDtos {
    private ChannelDtos() {
    }

    @Schema(name = "CreateNotificationChannelRequest")
    public record CreateChannelRequest(
            @Schema(description = "Unique in the tenant", examples = "ops-webhook") String name,
            @Schema(description = "webhook or email", examples = "webhook") String kind,
            @Schema(description = "Event types or patterns: backup.failed, backup.*, * (notifiable types only; "
                    + "docs/events.md lists them)", examples = "[\"backup.failed\", \"restore.*\"]")
            List<String> eventTypes,
            @Schema(description = "webhook: http(s) URL without user info", examples = "https://hooks.example.com/arca")
            String url,
            @Schema(description = "webhook: extra request headers (not webhook-*, content-type, host, ...)")
            Map<String, String> headers,
            @Schema(description = "email: recipient addresses") List<String> recipients,
            @Schema(description = "email: collect events for this many minutes (1-1440) into one email; "
                    + "absent: one email per event") Integer digestMinutes) {
    }

    /**
     * Every field optional: an absent field keeps its value. A class, not a record, because {@code digestMinutes:
     * null} (turn the digest off) must differ from an absent {@code digestMinutes} (keep it): the setter records that
     * the field was given.
     */
    @Schema(name = "UpdateNotificationChannelRequest")
    public static final class UpdateChannelRequest {
        private String name;
        private List<String> eventTypes;
        private String url;
        @Schema(description = "Replaces all custom headers ({} removes them)")
        private Map<String, String> headers;
        private List<String> recipients;
        @Schema(nullable = true, description = "1-1440; null turns the digest off (one email per event)")
        private Integer digestMinutes;
        @JsonIgnore
        @Schema(hidden = true)
        private boolean digestMinutesGiven;
        @Schema(description = "false disables the channel; true re-enables it and forgets its failures")
        private Boolean enabled;

        public void setName(String name) {
            this.name = name;
        }

        public void setEventTypes(List<String> eventTypes) {
            this.eventTypes = eventTypes;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public void setHeaders(Map<String, String> headers) {
            this.headers = headers;
        }

        public void setRecipients(List<String> recipients) {
            this.recipients = recipients;
        }

        public void setDigestMinutes(Integer digestMinutes) {
            this.digestMinutes = digestMinutes;
            this.digestMinutesGiven = true;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        String name() {
            return name;
        }

        List<String> eventTypes() {
            return eventTypes;
        }

        String url() {
            return url;
        }

        Map<String, String> headers() {
            return headers;
        }

        List<String> recipients() {
            return recipients;
        }

        /** True when the request named digestMinutes, null included. */
        boolean digestMinutesGiven() {
            return digestMinutesGiven;
        }

        Integer digestMinutes() {
            return digestMinutes;
        }

        Boolean enabled() {
            return enabled;
        }
    }

    @Schema(name = "RotateWebhookSecretRequest")
    public record RotateSecretRequest(
            @Schema(description = "0-168 (default 24): how long the previous secret still signs beside the new one")
            Integer overlapHours) {
    }

    @Schema(name = "NotificationChannel", description = "A channel, never with its secret")
    public record ChannelView(UUID id, String name, String kind, List<String> eventTypes, String url,
                              Map<String, String> headers, List<String> recipients, Integer digestMinutes,
                              boolean enabled,
                              @Schema(description = "manual, or the sustained failure that disabled it")
                              String disabledReason,
                              Instant disabledAt,
                              @Schema(description = "Since when every delivery attempt failed; null after a success")
                              Instant failingSince,
                              Instant lastSuccessAt,
                              @Schema(description = "Until when the previous secret still signs (after a rotation)")
                              Instant previousSecretExpiresAt,
                              Instant createdAt, Instant updatedAt) {
    }

    @Schema(name = "CreatedNotificationChannel",
            description = "A new channel; a webhook's signing secret is shown here once and never again")
    public record CreatedChannel(@JsonUnwrapped ChannelView channel,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "webhook: the Standard Webhooks secret whsec_... (verify "
                                         + "webhook-signature with it)") String secret) {
    }

    @Schema(name = "RotatedWebhookSecret", description = "The new secret, shown once")
    public record RotatedSecret(String secret,
                                @Schema(description = "Until when the previous secret also signs; null when it "
                                        + "stopped at once (overlapHours 0)") Instant previousSecretExpiresAt) {
    }

    @Schema(name = "NotificationAttempt")
    public record AttemptView(int attempt, Instant attemptedAt,
                              @Schema(description = "delivered or failed") String outcome,
                              @Schema(description = "The receiver's HTTP status; null when none came") Integer responseStatus,
                              int latencyMs,
                              @Schema(description = "Why it failed (timeout, refused destination, ...)") String error,
                              @Schema(description = "At most 512 characters of the response body") String excerpt) {
    }

    @Schema(name = "NotificationDelivery", description = "One event for one channel, with its latest attempts")
    public record DeliveryView(UUID id, UUID eventId, String eventType,
                               @Schema(description = "pending, sending, delivered or failed") String state,
                               @Schema(description = "Attempts made so far") int attempt,
                               Instant nextAttemptAt, Instant deliveredAt, Integer lastStatus, String lastError,
                               Instant createdAt, Instant updatedAt,
                               @Schema(description = "The last 10 attempts, newest first") List<AttemptView> attempts) {
        DeliveryView withAttempts(List<AttemptView> latest) {
            return new DeliveryView(id, eventId, eventType, state, attempt, nextAttemptAt, deliveredAt, lastStatus,
                    lastError, createdAt, updatedAt, latest);
        }
    }

    @Schema(name = "NotificationTestResult")
    public record TestResult(
            @Schema(description = "delivered or failed (the first attempt's outcome), pending when none came "
                    + "within arca.notifications.test-wait") String outcome,
            Integer responseStatus, Integer latencyMs, String error, DeliveryView delivery) {
    }

    static ChannelView view(NotificationChannel c) {
        return new ChannelView(c.id, c.name, c.kind, c.eventTypes, c.url, c.isWebhook() ? c.headers : null,
                c.recipients, c.digestMinutes, c.enabled, c.disabledReason, c.disabledAt, c.failingSince,
                c.lastSuccessAt, c.previousSecretExpiresAt, c.createdAt, c.updatedAt);
    }
}
