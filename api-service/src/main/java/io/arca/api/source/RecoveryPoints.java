package io.arca.api.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.common.SqlValues;
import io.arca.schedule.DrillOverdue;
import io.arca.schedule.Lateness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The recovery point of sources: when the newest backup was created, when the newest usable one (completed, not
 * corrupted, live) finished, and whether that is recent enough for the source's enabled schedules ({@link Lateness}); and whether the
 * newest proof that a backup restores (a deep verification, e.g. a drill) is recent enough for the source's drill
 * policies. One query for a whole page of sources.
 */
@ApplicationScoped
public class RecoveryPoints {
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    /**
     * @param rpoStatus {@code never}: no usable backup; {@code late}: an enabled schedule exists and the newest usable
     *                  backup is older than 1.5 periods of the most frequent one; {@code ok} otherwise (a source
     *                  without enabled schedules is ok as soon as it has a usable backup: nothing says how often it
     *                  should have one)
     * @param drillStatus null: no enabled schedule of the source has a drill policy; {@code never}: no backup of the
     *                  source was ever proven restorable; {@code overdue}: the newest proof is older than twice the
     *                  most frequent drill's period; {@code ok} otherwise
     */
    public record RecoveryPoint(Instant lastBackupAt, Instant lastSuccessfulBackupAt, String rpoStatus,
                                String drillStatus) {
        public static final RecoveryPoint NEVER = new RecoveryPoint(null, null, "never", null);
    }

    public RecoveryPoint of(UUID tenantId, UUID sourceId, Instant now) {
        return of(tenantId, List.of(sourceId), now).getOrDefault(sourceId, RecoveryPoint.NEVER);
    }

    /** @return by source id; sources without any backup map to {@code never} too */
    public Map<UUID, RecoveryPoint> of(UUID tenantId, Collection<UUID> sourceIds, Instant now) {
        Map<UUID, RecoveryPoint> points = new HashMap<>();
        if (sourceIds.isEmpty()) {
            return points;
        }
        @SuppressWarnings("unchecked")
        // a safety backup holds a restore target's overwritten tables, maybe of another database: no recovery point
        List<Object[]> rows = em.createNativeQuery("select s.id, "
                        + "(select max(b.created_at) from backups b where b.tenant_id = s.tenant_id "
                        + "and b.source_id = s.id and b.origin <> 'safety'), "
                        + "(select max(b.finished_at) from backups b where b.tenant_id = s.tenant_id "
                        + "and b.source_id = s.id and " + Lateness.SUCCESSFUL_BACKUP + "), "
                        + "(select json_agg(json_build_array(sc.timing, sc.time_zone))::text from schedules sc "
                        + "where sc.tenant_id = s.tenant_id and sc.source_id = s.id and sc.enabled), "
                        + "(select json_agg(sc.drill->>'every')::text from schedules sc "
                        + "where sc.tenant_id = s.tenant_id and sc.source_id = s.id and sc.enabled "
                        + "and sc.drill is not null), "
                        + "s.last_proven_restorable_at "
                        + "from sources s where s.tenant_id = :tenant and s.id in (:ids)")
                .setParameter("tenant", tenantId)
                .setParameter("ids", sourceIds)
                .getResultList();
        // sources tend to share timings (presets): each distinct set of schedules is evaluated once per call
        Map<String, Optional<Duration>> periods = new HashMap<>();
        for (Object[] row : rows) {
            Instant lastOk = SqlValues.instant(row[2]);
            Duration period = row[3] == null ? null : periods.computeIfAbsent((String) row[3],
                    schedules -> Optional.ofNullable(shortestPeriod(schedules, now))).orElse(null);
            points.put((UUID) row[0], new RecoveryPoint(SqlValues.instant(row[1]), lastOk,
                    status(lastOk, period, now),
                    drillStatus(SqlValues.instant(row[5]), shortestDrill((String) row[4]), now)));
        }
        return points;
    }

    static String status(Instant lastSuccessful, Duration shortestPeriod, Instant now) {
        if (lastSuccessful == null) {
            return "never";
        }
        // the one lateness rule, shared with the scheduler's backup.late event
        return Lateness.isLate(lastSuccessful, shortestPeriod, now) ? "late" : "ok";
    }

    static String drillStatus(Instant lastProven, Duration shortestDrill, Instant now) {
        if (shortestDrill == null) {
            return null;
        }
        if (lastProven == null) {
            return "never";
        }
        // the one overdue rule, shared with the scheduler's arca_source_drill_overdue
        return DrillOverdue.isOverdue(lastProven, shortestDrill, now) ? "overdue" : "ok";
    }

    /** The shortest of the drill periods (a JSON array of ISO durations the API validated); null for none. */
    private Duration shortestDrill(String everies) {
        if (everies == null) {
            return null;
        }
        try {
            return DrillOverdue.shortestDrill(json.readTree(everies));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The shortest period around now among the schedules ([[timing, zone], ...]); null for none. */
    private Duration shortestPeriod(String schedules, Instant now) {
        if (schedules == null) {
            return null;
        }
        try {
            return Lateness.shortestPeriod(json.readTree(schedules), now);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
