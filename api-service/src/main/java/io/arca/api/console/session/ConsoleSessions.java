package io.arca.api.console.session;

import io.arca.api.apikey.ApiKey;
import io.arca.api.audit.AuditLog;
import io.arca.api.auth.ApiKeySecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Console sign-in: an API key is exchanged once for a session (a random token in an HttpOnly cookie, and a CSRF
 * token the pages send back on every mutating request). The session acts as its API key: a revoked key or an expired
 * or signed-out session is refused on the next request. The key's secret is never stored or sent to the browser.
 */
@ApplicationScoped
public class ConsoleSessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    @Inject
    ConsoleConfig config;

    @Inject
    AuditLog audit;

    /** A new session's cookie token (shown once) and its expiry. */
    public record Opened(String token, Instant expiresAt) {
    }

    /** @return empty for an unknown or revoked key (the caller says so without telling which) */
    @Transactional
    public Optional<Opened> signIn(String apiKeySecret) {
        Optional<ApiKey> key = ApiKey.findActiveBySecret(apiKeySecret == null ? "" : apiKeySecret.trim());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ConsoleSession.delete("expiresAt < ?1 or revokedAt is not null", now);
        String token = randomToken();
        ConsoleSession session = new ConsoleSession();
        session.id = UUID.randomUUID();
        session.tokenHash = ApiKeySecrets.hash(token);
        session.csrfToken = randomToken();
        session.apiKeyId = key.get().id;
        session.tenantId = key.get().tenantId;
        session.createdAt = now;
        session.expiresAt = now.plus(config.sessionTtl());
        session.persist();
        audit.record(key.get().tenantId, key.get().id, "console.sign-in", "console-session", session.id,
                Map.of("expiresAt", session.expiresAt.toString()));
        return Optional.of(new Opened(token, session.expiresAt));
    }

    /** The active session of a cookie token, with its key; empty when unknown, expired, signed out or revoked. */
    @Transactional
    public Optional<SignedInSession> find(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Optional<ConsoleSession> session = ConsoleSession.findByHash(ApiKeySecrets.hash(token));
        if (session.isEmpty() || !session.get().isActive(Instant.now())) {
            return Optional.empty();
        }
        Optional<ApiKey> key = ApiKey.findByIdOptional(session.get().apiKeyId);
        if (key.isEmpty() || key.get().isRevoked()) {
            return Optional.empty();
        }
        return Optional.of(new SignedInSession(session.get(), key.get()));
    }

    /** Revokes the session (idempotent). */
    @Transactional
    public void signOut(SignedInSession signedIn) {
        ConsoleSession session = ConsoleSession.findById(signedIn.session().id);
        if (session != null && session.revokedAt == null) {
            session.revokedAt = Instant.now();
            audit.record(session.tenantId, session.apiKeyId, "console.sign-out", "console-session", session.id,
                    Map.of());
        }
    }

    /** Constant-time comparison of a presented token with the expected one; false when either is missing or empty. */
    public static boolean sameToken(String presented, String expected) {
        return presented != null && expected != null && !expected.isEmpty()
                && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                        expected.getBytes(StandardCharsets.UTF_8));
    }

    public static String randomToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
