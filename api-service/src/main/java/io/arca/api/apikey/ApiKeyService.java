package io.arca.api.apikey;

import io.arca.api.apikey.ApiKeyDtos.ApiKeyView;
import io.arca.api.apikey.ApiKeyDtos.CreateApiKeyRequest;
import io.arca.api.apikey.ApiKeyDtos.CreatedApiKey;
import io.arca.api.audit.AuditLog;
import io.arca.api.auth.ApiKeySecrets;
import io.arca.api.auth.Caller;
import io.arca.api.auth.Role;
import io.arca.api.common.Cursor;
import io.arca.api.common.NewestFirst;
import io.arca.api.common.Page;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.job.OutboxWriter;
import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventType;
import io.arca.jobs.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Issues, lists and revokes the API keys of the caller's tenant. */
@ApplicationScoped
public class ApiKeyService {
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,99}");

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    @Inject
    OutboxWriter outbox;

    @Transactional
    public CreatedApiKey create(CreateApiKeyRequest request) {
        if (request == null) {
            throw ProblemException.invalid(null, "request body is required");
        }
        Role role = parseRole(request.role());
        CreatedApiKey created = issue(caller.tenantId(), checkName(request.name()), role);
        audit.record("api-key.create", "api-key", created.id());
        return created;
    }

    /** Issues a key in {@code tenantId}; the caller's transaction writes it. Also used when creating a tenant. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CreatedApiKey issue(UUID tenantId, String name, Role role) {
        String secret = ApiKeySecrets.generate();
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.tenantId = tenantId;
        key.name = name;
        key.role = role.wireName();
        key.keyPrefix = ApiKeySecrets.shownPrefix(secret);
        key.keyHash = ApiKeySecrets.hash(secret);
        key.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        key.persist();
        publish(EventType.KEY_CREATED, key);
        return new CreatedApiKey(key.id, key.name, key.role, key.keyPrefix, key.createdAt, secret);
    }

    public ApiKeyView get(UUID id) {
        return ApiKey.findInTenant(caller.tenantId(), id).map(ApiKeyDtos::view)
                .orElseThrow(() -> ProblemException.notFound("API key", id));
    }

    public Page<ApiKeyView> list(String limit, String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        Cursor after = Cursor.decode(cursor);
        List<ApiKey> rows = NewestFirst.inTenant("api_keys", caller.tenantId())
                .fetch(em, ApiKey.class, after, pageSize);
        return Page.of(rows, pageSize, r -> r.createdAt, r -> r.id, ApiKeyDtos::view);
    }

    /**
     * Revokes a key; revoking a revoked key changes nothing. The bootstrap key is managed by configuration, and the
     * tenant's last active admin key stays: without it nobody could manage the tenant's keys again.
     */
    @Transactional
    public void revoke(UUID id) {
        UUID tenantId = caller.tenantId();
        lockRevocationsOf(tenantId);
        ApiKey key = ApiKey.findInTenant(tenantId, id)
                .orElseThrow(() -> ProblemException.notFound("API key", id));
        if (key.bootstrap) {
            throw ProblemException.conflict(
                    "the bootstrap key is managed by arca.security.bootstrap-admin-key; change it there", null);
        }
        if (key.revokedAt != null) {
            return;
        }
        if (Role.ADMIN.wireName().equals(key.role) && activeAdminKeys(tenantId) <= 1) {
            throw new ProblemException(ProblemType.LAST_ADMIN_KEY,
                    "this is the tenant's last active admin key; create another admin key before revoking it", null);
        }
        key.revokedAt = Instant.now();
        publish(EventType.KEY_REVOKED, key);
        audit.record("api-key.revoke", "api-key", id);
    }

    /**
     * The public event of a key change, in the change's transaction (the outbox commits with it): who watches the
     * tenant's keys learns of a new or revoked one. Name and role only: the secret, its hash and prefix stay out.
     */
    private void publish(EventType type, ApiKey key) {
        outbox.append(OutboxMessage.event(ArcaEvent.of(type.wireName(), key.tenantId,
                Map.of("keyId", key.id.toString()), Map.of("name", key.name, "role", key.role))));
    }

    /**
     * Serialises the revocations of one tenant, so two admins revoking each other at once cannot both see the
     * other as remaining. The lock is on the tenant row; NO KEY UPDATE does not block the inserts that reference
     * the tenant (their foreign-key checks take KEY SHARE).
     */
    private void lockRevocationsOf(UUID tenantId) {
        em.createNativeQuery("select id from tenants where id = ?1 for no key update")
                .setParameter(1, tenantId)
                .getResultList();
    }

    private long activeAdminKeys(UUID tenantId) {
        return ApiKey.count("tenantId = ?1 and role = ?2 and revokedAt is null", tenantId, Role.ADMIN.wireName());
    }

    static Role parseRole(String role) {
        if (role == null) {
            throw ProblemException.invalid("role", "role is required: admin, operator or viewer");
        }
        try {
            return Role.fromWireName(role);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("role", "role must be admin, operator or viewer");
        }
    }

    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ProblemException.invalid("name",
                    "name is 1-100 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
