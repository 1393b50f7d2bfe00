package io.arca.api.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A tenant's notification channel (V8 {@code notification_channels}). A webhook's secrets are sealed under the master
 * key ({@link WebhookSecretSealer}); the delivery engine in scheduler-service opens them. The health columns
 * ({@code failing_since}, {@code last_success_at}) are the engine's: the API only clears them on re-enabling.
 */
@Entity
@Table(name = "notification_channels")
public class NotificationChannel extends PanacheEntityBase {
    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";
    /** {@code disabled_reason} of a channel an admin disabled. */
    public static final String DISABLED_MANUALLY = "manual";

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    /** {@link #WEBHOOK} or {@link #EMAIL}; fixed at creation. */
    @Column(nullable = false)
    public String kind;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false, columnDefinition = "text[]")
    public List<String> eventTypes;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    public String url;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> headers;

    @Column(name = "secret_sealed")
    public byte[] secretSealed;

    @Column(name = "previous_secret_sealed")
    public byte[] previousSecretSealed;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> recipients;

    @Column(name = "digest_minutes")
    public Integer digestMinutes;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public static Optional<NotificationChannel> findInTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public static long countInTenant(UUID tenantId) {
        return count("tenantId", tenantId);
    }

    public static boolean nameTaken(UUID tenantId, String name, UUID except) {
        return count("tenantId = ?1 and name = ?2 and id <> ?3", tenantId, name, except) > 0;
    }

    public boolean isWebhook() {
        return WEBHOOK.equals(kind);
    }

    @Override
    public String toString() {
        return "NotificationChannel[" + id + ", " + kind + ", " + name + "]";
    }
}
