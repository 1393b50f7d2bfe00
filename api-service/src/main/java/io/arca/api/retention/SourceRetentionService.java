package io.arca.api.retention;

import io.arca.api.audit.AuditLog;
import io.arca.api.source.SourceDtos.SourceView;
import io.arca.api.source.SourceService;
import io.arca.retention.RetentionPolicy;
import io.arca.retention.RetentionPolicyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

/**
 * A source's default retention policy: it governs the source's backups that no schedule made (API backups, and those
 * of a deleted schedule). Setting or clearing it leaves the source's retention unchecked, so the scheduler's recheck
 * applies the new policy within its interval.
 */
@ApplicationScoped
public class SourceRetentionService {
    @Inject
    SourceService sources;

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    /** @param policy null removes the policy (every backup is kept) */
    @Transactional
    public SourceView set(UUID id, RetentionPolicy policy) {
        RetentionPolicy valid = policy == null ? null : RetentionPreviewService.checked(policy);
        var source = sources.find(id);
        // an untyped null has no type PostgreSQL accepts for jsonb: a removed policy is written as SQL null
        var update = em.createNativeQuery("update sources set retention = " + (valid == null ? "null" : "cast(:policy as jsonb)")
                        + ", retention_checked_at = null, updated_at = now() where id = :id and tenant_id = :tenant")
                .setParameter("id", source.id).setParameter("tenant", source.tenantId);
        if (valid != null) {
            update.setParameter("policy", RetentionPolicyJson.write(valid));
        }
        update.executeUpdate();
        em.refresh(source);
        audit.record(valid == null ? "source.retention.clear" : "source.retention.set", "source", id,
                valid == null ? Map.of() : Map.of("policy", valid.summary()));
        return sources.get(id);
    }
}
