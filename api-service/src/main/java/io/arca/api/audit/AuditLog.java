package io.arca.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the audit trail: one row per mutating call (who, which tenant, what, on which object), in the caller's
 * transaction so a rolled-back change leaves no audit row. Details must never hold secrets.
 */
@ApplicationScoped
public class AuditLog {
    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String targetType, Object targetId) {
        record(caller.tenantId(), action, targetType, targetId);
    }

    /** For actions whose tenant is not the caller's (creating a tenant records it under the new tenant). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID tenantId, String action, String targetType, Object targetId) {
        record(tenantId, caller.keyId(), action, targetType, targetId, Map.of());
    }

    /** The caller's action with details (a JSON object; never secrets). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String targetType, Object targetId, Map<String, ?> details) {
        record(caller.tenantId(), caller.keyId(), action, targetType, targetId, details);
    }

    /**
     * An action by whoever it was: {@code actorKeyId} null when no API key made the call (a download through a
     * signed link).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID tenantId, UUID actorKeyId, String action, String targetType, Object targetId,
            Map<String, ?> details) {
        // a null actor is written as SQL null: an untyped null parameter has no type PostgreSQL accepts for uuid
        var insert = em.createNativeQuery("insert into audit_log (tenant_id, actor_key_id, action, target_type, "
                        + "target_id, details) values (:tenant, " + (actorKeyId == null ? "null" : ":actor")
                        + ", :action, :targetType, :targetId, cast(:details as jsonb))")
                .setParameter("tenant", tenantId)
                .setParameter("action", action)
                .setParameter("targetType", targetType)
                .setParameter("targetId", targetId == null ? null : targetId.toString())
                .setParameter("details", toJson(details));
        if (actorKeyId != null) {
            insert.setParameter("actor", actorKeyId);
        }
        insert.executeUpdate();
    }

    private String toJson(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details not serialisable", e);
        }
    }
}
