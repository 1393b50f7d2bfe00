package io.arca.api.console.schedule;

import io.arca.api.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The names of the tenant's sources, for pickers and for naming a schedule's source in a list. */
@ApplicationScoped
public class SourceNames {
    /** A picker lists at most this many; more would be a search box (the API takes any source id). */
    static final int MAX = 1000;

    @Inject
    Caller caller;
    @Inject
    EntityManager em;

    /** Source id → name, by name. */
    public Map<UUID, String> all() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, name from sources where tenant_id = :tenant and "
                        + "deleted_at is null order by name limit :max")
                .setParameter("tenant", caller.tenantId())
                .setParameter("max", MAX)
                .getResultList();
        Map<UUID, String> names = new LinkedHashMap<>();
        for (Object[] row : rows) {
            names.put((UUID) row[0], (String) row[1]);
        }
        return names;
    }
}
