package io.arca.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records garbage collection runs, for the scheduler (every {@code arca.gc.interval}) and the API
 * ({@code POST /api/v1/admin/gc}), on the caller's connection and transaction. At most one unfinished run per tenant
 * (the unique index {@code gc_runs_one_active}): {@link #requestRun} takes the tenant row {@code FOR NO KEY UPDATE}
 * (which does not block the tenant's other writes, whose foreign keys only take key-share locks) so that concurrent
 * requesters, scheduler replicas or the API, queue up and the later one finds the earlier one's run instead of
 * failing on the index.
 */
public final class GcRuns {
    private final PendingJobs pending;

    public GcRuns(PendingJobs pending) {
        this.pending = pending;
    }

    /** A run: new, or the tenant's unfinished one. */
    public record Requested(UUID runId, UUID tenantId, boolean created) {
    }

    /** Tenants that have chunks and no unfinished run, after {@code after} (null: from the start), in id order. */
    public List<UUID> tenantsDue(Connection c, UUID after, int limit) throws SQLException {
        List<UUID> tenants = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select t.id from tenants t where t.id > ? "
                + "and exists (select 1 from chunks c where c.tenant_id = t.id) "
                + "and not exists (select 1 from gc_runs g where g.tenant_id = t.id and g.state = any(?)) "
                + "order by t.id limit ?")) {
            ps.setObject(1, after == null ? new UUID(0, 0) : after);
            ps.setArray(2, c.createArrayOf("text", JobTable.unfinishedStates()));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tenants.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return tenants;
    }

    /**
     * Records a pending run of the tenant (its command keyed by the tenant, its requested event) with cutoff
     * {@code now - grace}, unless the tenant has an unfinished run: then that one is returned.
     */
    public Requested requestRun(Connection c, UUID tenantId, String trigger, Duration grace, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from tenants where id = ? for no key update")) {
            ps.setObject(1, tenantId);
            ps.executeQuery().close();
        }
        try (PreparedStatement ps = c.prepareStatement("select id from gc_runs where tenant_id = ? "
                + "and state = any(?)")) {
            ps.setObject(1, tenantId);
            ps.setArray(2, c.createArrayOf("text", JobTable.unfinishedStates()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new Requested(rs.getObject(1, UUID.class), tenantId, false);
                }
            }
        }
        Instant cutoff = now.minus(grace);
        UUID id = pending.record(c, JobTable.GC_RUNS, tenantId, tenantId, new PendingJobs.Columns()
                .set("trigger", trigger).set("grace_seconds", grace.toSeconds()).set("cutoff", cutoff),
                Map.of("trigger", trigger, "gracePeriod", grace.toString(), "cutoff", cutoff.toString()), now);
        return new Requested(id, tenantId, true);
    }
}
