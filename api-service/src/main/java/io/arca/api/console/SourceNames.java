package io.arca.api.console;

import io.arca.api.auth.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Source names for console pages, never with the recovery points the source list computes: the names of the sources
 * a page of rows belongs to, in one query (deleted sources too: their backups stay as history and still deserve a
 * name), and the sources a picker offers.
 */
@ApplicationScoped
public class SourceNames {
    @Inject
    Caller caller;
    @Inject
    EntityManager em;

    public Map<UUID, String> of(Collection<UUID> sourceIds) {
        Map<UUID, String> names = new HashMap<>();
        if (sourceIds.isEmpty()) {
            return names;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, name from sources where tenant_id = :tenant "
                        + "and id in (:ids)")
                .setParameter("tenant", caller.tenantId())
                .setParameter("ids", sourceIds)
                .getResultList();
        for (Object[] row : rows) {
            names.put((UUID) row[0], (String) row[1]);
        }
        return names;
    }

    /** A source to pick in a filter or as a target: id and name, nothing computed. */
    public record Choice(UUID id, String name) {
    }

    /**
     * The tenant's sources by name, at most {@code limit}: for pickers, without the recovery points the source list
     * computes (those read every backup of every source).
     */
    public List<Choice> choices(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, name from sources where tenant_id = :tenant "
                        + "and deleted_at is null order by name limit :limit")
                .setParameter("tenant", caller.tenantId())
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(r -> new Choice((UUID) r[0], (String) r[1])).toList();
    }

    /** Source id to name, by name, at most {@code limit} (for pickers and for naming sources in a list). */
    public Map<UUID, String> byName(int limit) {
        Map<UUID, String> names = new LinkedHashMap<>();
        for (Choice choice : choices(limit)) {
            names.put(choice.id(), choice.name());
        }
        return names;
    }

    public String of(UUID sourceId) {
        return of(List.of(sourceId)).getOrDefault(sourceId, sourceId.toString());
    }
}
