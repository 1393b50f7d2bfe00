package io.arca.api.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.common.SqlValues;
import io.arca.schedule.InvalidTimingException;
import io.arca.schedule.Timetable;
import io.arca.schedule.Timing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The recovery point of sources: when the newest backup was created, when the newest usable one (completed, not
 * corrupted, live) finished, and whether that is recent enough for the source's enabled schedules. One query for a
 * whole page of sources.
 */
@ApplicationScoped
public class RecoveryPoints {
    /** How many periods of its most frequent schedule a source may go without a successful backup. */
    static final double LATE_AFTER_PERIODS = 1.5;

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    /**
     * @param rpoStatus {@code never}: no usable backup; {@code late}: an enabled schedule exists and the newest usable
     *                  backup is older than 1.5 periods of the most frequent one; {@code ok} otherwise (a source
     *                  without enabled schedules is ok as soon as it has a usable backup: nothing says how often it
     *                  should have one)
     */
    public record RecoveryPoint(Instant lastBackupAt, Instant lastSuccessfulBackupAt, String rpoStatus) {
        public static final RecoveryPoint NEVER = new RecoveryPoint(null, null, "never");
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
        List<Object[]> rows = em.createNativeQuery("select s.id, "
                        + "(select max(b.created_at) from backups b where b.tenant_id = s.tenant_id "
                        + "and b.source_id = s.id), "
                        + "(select max(b.finished_at) from backups b where b.tenant_id = s.tenant_id "
                        + "and b.source_id = s.id and b.state = 'completed' and not b.corrupted "
                        + "and b.lifecycle = 'live'), "
                        + "(select json_agg(json_build_array(sc.timing, sc.time_zone))::text from schedules sc "
                        + "where sc.tenant_id = s.tenant_id and sc.source_id = s.id and sc.enabled) "
                        + "from sources s where s.tenant_id = :tenant and s.id in (:ids)")
                .setParameter("tenant", tenantId)
                .setParameter("ids", sourceIds)
                .getResultList();
        for (Object[] row : rows) {
            Instant lastOk = SqlValues.instant(row[2]);
            points.put((UUID) row[0], new RecoveryPoint(SqlValues.instant(row[1]), lastOk,
                    status(lastOk, shortestPeriod((String) row[3], now), now)));
        }
        return points;
    }

    static String status(Instant lastSuccessful, Duration shortestPeriod, Instant now) {
        if (lastSuccessful == null) {
            return "never";
        }
        if (shortestPeriod != null) {
            long allowedMs = (long) (shortestPeriod.toMillis() * LATE_AFTER_PERIODS);
            if (Duration.between(lastSuccessful, now).toMillis() > allowedMs) {
                return "late";
            }
        }
        return "ok";
    }

    /** The shortest period around now among the schedules ([[timing, zone], ...]); null for none. */
    private Duration shortestPeriod(String schedules, Instant now) {
        if (schedules == null) {
            return null;
        }
        Duration shortest = null;
        try {
            for (JsonNode schedule : json.readTree(schedules)) {
                Duration period = Timetable.of(Timing.parse(schedule.get(0)), schedule.get(1).asText())
                        .periodAt(now);
                if (period != null && (shortest == null || period.compareTo(shortest) < 0)) {
                    shortest = period;
                }
            }
        } catch (JsonProcessingException | InvalidTimingException e) {
            // the API validated every stored timing; an unreadable one just does not count
            return shortest;
        }
        return shortest;
    }
}
