package io.arca.api.apikey;

import io.arca.api.auth.ApiKeySecrets;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An API key: only the SHA-256 of its secret is stored. */
@Entity
@Table(name = "api_keys")
public class ApiKey extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    /** Wire name of {@link io.arca.api.auth.Role}. */
    @Column(nullable = false)
    public String role;

    @Column(name = "key_prefix", nullable = false)
    public String keyPrefix;

    @Column(name = "key_hash", nullable = false)
    public byte[] keyHash;

    /** True for the key registered from {@code arca.security.bootstrap-admin-key}. */
    @Column(nullable = false)
    public boolean bootstrap;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public static Optional<ApiKey> findByHash(byte[] hash) {
        return find("keyHash", hash).firstResultOptional();
    }

    /**
     * The key a presented secret names, if it is not revoked; empty for anything else (unknown, revoked, not an Arca
     * key), without telling which.
     */
    public static Optional<ApiKey> findActiveBySecret(String secret) {
        return secret.startsWith(ApiKeySecrets.PREFIX)
                ? findByHash(ApiKeySecrets.hash(secret)).filter(key -> !key.isRevoked())
                : Optional.empty();
    }

    public static Optional<ApiKey> findInTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
