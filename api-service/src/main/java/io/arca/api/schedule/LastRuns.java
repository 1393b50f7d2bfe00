package io.arca.api.schedule;

import io.arca.api.common.SqlValues;
import io.arca.api.schedule.ScheduleDtos.LastRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The newest fire of each of a page of schedules, with its backup's state: one query per page, not per schedule. */
@ApplicationScoped
class LastRuns {
    @Inject
    EntityManager em;

    Map<UUID, LastRun> of(UUID tenantId, Collection<UUID> scheduleIds) {
        Map<UUID, LastRun> runs = new HashMap<>();
        if (scheduleIds.isEmpty()) {
            return runs;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select distinct on (f.schedule_id) f.schedule_id, f.fire_time, "
                        + "f.trigger, f.outcome, f.reason, f.backup_id, b.state from schedule_fires f "
                        + "left join backups b on b.id = f.backup_id "
                        + "where f.tenant_id = :tenant and f.schedule_id in (:ids) "
                        + "order by f.schedule_id, f.fire_time desc")
                .setParameter("tenant", tenantId)
                .setParameter("ids", scheduleIds)
                .getResultList();
        for (Object[] row : rows) {
            runs.put((UUID) row[0], new LastRun(SqlValues.instant(row[1]), (String) row[2], (String) row[3], (String) row[4],
                    (UUID) row[5], (String) row[6]));
        }
        return runs;
    }
}
