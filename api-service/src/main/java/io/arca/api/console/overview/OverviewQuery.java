package io.arca.api.console.overview;

import io.arca.api.common.SqlValues;
import io.arca.api.source.RecoveryPoints.RecoveryPoint;
import io.arca.api.source.RecoveryPoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The overview's data in a fixed number of queries whatever the number of sources and backups: the sources with
 * their backup aggregates (one grouped query), their recovery points ({@link RecoveryPoints}, one query), the running
 * jobs and the latest failures (bounded lists).
 */
@ApplicationScoped
public class OverviewQuery {
    static final int PAGE_SIZE = 50;
    private static final int RUNNING_LIMIT = 20;
    private static final int FAILURE_LIMIT = 10;
    private static final List<String> SEVERITY = List.of("never", "late", "ok");

    @Inject
    EntityManager em;

    @Inject
    RecoveryPoints recoveryPoints;

    /**
     * @param query  part of a source's name, database or host (case-insensitive); null for all
     * @param status ok, late or never; null for all
     * @param page   1-based; sources with problems come first (never, late, then ok), then by name
     */
    public Overview load(UUID tenantId, String query, String status, int page) {
        Instant now = Instant.now();
        List<Overview.SourceRow> all = sources(tenantId, now);
        int ok = 0;
        int late = 0;
        int never = 0;
        long backups = 0;
        long stored = 0;
        for (Overview.SourceRow row : all) {
            switch (row.rpoStatus()) {
                case "ok" -> ok++;
                case "late" -> late++;
                default -> never++;
            }
            backups += row.backups();
            stored += row.storedBytes();
        }
        String needle = query == null || query.isBlank() ? null : query.trim().toLowerCase(Locale.ROOT);
        List<Overview.SourceRow> shown = all.stream()
                .filter(r -> status == null || status.isBlank() || status.equals(r.rpoStatus()))
                .filter(r -> needle == null || contains(r.name(), needle) || contains(r.database(), needle)
                        || contains(r.host(), needle))
                .sorted(Comparator.comparingInt((Overview.SourceRow r) -> SEVERITY.indexOf(r.rpoStatus()))
                        .thenComparing(r -> r.name().toLowerCase(Locale.ROOT)))
                .toList();
        int pages = Math.max(1, (shown.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, page), pages);
        List<Overview.SourceRow> slice = shown.subList((current - 1) * PAGE_SIZE,
                Math.min(shown.size(), current * PAGE_SIZE));
        return new Overview(new Overview.Totals(all.size(), ok, late, never, backups, stored), slice, current, pages,
                needle == null ? "" : query.trim(), status == null ? "" : status, running(tenantId),
                failures(tenantId));
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }

    private List<Overview.SourceRow> sources(UUID tenantId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select s.id, s.name, s.host, s.database_name, "
                        + "s.last_proven_restorable_at, "
                        + "(select min(sc.next_run_at) from schedules sc where sc.tenant_id = s.tenant_id "
                        + "and sc.source_id = s.id and sc.enabled), "
                        + "coalesce(b.backups, 0), coalesce(b.stored, 0), coalesce(b.logical, 0) "
                        + "from sources s left join (select source_id, count(*) backups, "
                        + "sum(new_bytes) filter (where state = 'completed') stored, "
                        + "sum(logical_size) filter (where state = 'completed') logical "
                        + "from backups where tenant_id = :tenant and lifecycle = 'live' group by source_id) b "
                        + "on b.source_id = s.id where s.tenant_id = :tenant and s.deleted_at is null")
                .setParameter("tenant", tenantId)
                .getResultList();
        List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
        Map<UUID, RecoveryPoint> points = recoveryPoints.of(tenantId, ids, now);
        List<Overview.SourceRow> result = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            RecoveryPoint point = points.getOrDefault((UUID) r[0], RecoveryPoint.NEVER);
            result.add(new Overview.SourceRow((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                    point.lastSuccessfulBackupAt(), point.rpoStatus(), point.drillStatus(), SqlValues.instant(r[4]),
                    SqlValues.instant(r[5]), ((Number) r[6]).longValue(), ((Number) r[7]).longValue(),
                    ((Number) r[8]).longValue()));
        }
        return result;
    }

    List<Overview.JobRow> running(UUID tenantId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("(select 'backup', b.id, s.id, s.name, b.state, b.phase, "
                        + "b.tables_done, b.tables_total, b.bytes_read, b.started_at, b.created_at "
                        + "from backups b join sources s on s.id = b.source_id "
                        + "where b.tenant_id = :tenant and b.state in ('pending', 'queued', 'running')) "
                        + "union all (select 'restore', r.id, s.id, s.name, r.state, r.phase, r.tables_done, "
                        + "r.tables_total, r.bytes_restored, r.started_at, r.created_at "
                        + "from restores r join sources s on s.id = r.target_source_id "
                        + "where r.tenant_id = :tenant and r.state in ('pending', 'queued', 'running')) "
                        + "order by 11 desc limit :limit")
                .setParameter("tenant", tenantId)
                .setParameter("limit", RUNNING_LIMIT)
                .getResultList();
        return rows.stream().map(r -> new Overview.JobRow((String) r[0], (UUID) r[1], (UUID) r[2], (String) r[3],
                (String) r[4], (String) r[5], ((Number) r[6]).intValue(), ((Number) r[7]).intValue(),
                ((Number) r[8]).longValue(), SqlValues.instant(r[9]))).toList();
    }

    private List<Overview.Failure> failures(UUID tenantId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("(select 'backup', b.id, s.name, b.error, "
                        + "coalesce(b.finished_at, b.updated_at) at from backups b join sources s on s.id = b.source_id "
                        + "where b.tenant_id = :tenant and b.state = 'failed' "
                        + "order by b.created_at desc limit :limit) "
                        + "union all (select 'restore', r.id, s.name, r.error, coalesce(r.finished_at, r.updated_at) "
                        + "from restores r join sources s on s.id = r.target_source_id "
                        + "where r.tenant_id = :tenant and r.state = 'failed' order by r.created_at desc limit :limit) "
                        + "order by 5 desc limit :limit")
                .setParameter("tenant", tenantId)
                .setParameter("limit", FAILURE_LIMIT)
                .getResultList();
        return rows.stream().map(r -> new Overview.Failure((String) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                SqlValues.instant(r[4]))).toList();
    }
}
