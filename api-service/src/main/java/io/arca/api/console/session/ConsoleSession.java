package io.arca.api.console.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A signed-in console browser: only the SHA-256 of its cookie's token is stored. */
@Entity
@Table(name = "console_sessions")
public class ConsoleSession extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "token_hash", nullable = false)
    public byte[] tokenHash;

    @Column(name = "csrf_token", nullable = false)
    public String csrfToken;

    @Column(name = "api_key_id", nullable = false)
    public UUID apiKeyId;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    static Optional<ConsoleSession> findByHash(byte[] hash) {
        return find("tokenHash", hash).firstResultOptional();
    }

    boolean isActive(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
