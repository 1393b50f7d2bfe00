package io.arca.api.audit;

import io.arca.api.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
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

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String targetType, Object targetId) {
        record(caller.tenantId(), action, targetType, targetId);
    }

    /** For actions whose tenant is not the caller's (creating a tenant records it under the new tenant). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID tenantId, String action, String targetType, Object targetId) {
        em.createNativeQuery("insert into audit_log (tenant_id, actor_key_id, action, target_type, target_id) "
                        + "values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, tenantId)
                .setParameter(2, caller.keyId())
                .setParameter(3, action)
                .setParameter(4, targetType)
                .setParameter(5, targetId == null ? null : targetId.toString())
                .executeUpdate();
    }
}
