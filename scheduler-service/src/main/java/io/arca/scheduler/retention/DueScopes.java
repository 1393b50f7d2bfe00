package io.arca.scheduler.retention;

import io.arca.retention.RetentionScope.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Which scopes to evaluate: every scope with a policy (the periodic sweep), or only those where something happened
 * since their last evaluation (the recheck): never evaluated, or a backup of theirs finished after
 * {@code retention_checked_at}.
 *
 * <p>The recheck looks only at backups created in the day before the last check (an index range on the scope's newest
 * backups, so it stays cheap on a scope of 10,000); a backup that ran longer than that is picked up by the periodic
 * sweep. Its finish is compared with a minute of slack, because a backup may commit a finish time a little before
 * the check that could not yet see it; the re-evaluations this causes find nothing to do.
 */
final class DueScopes {
    private static final String RECENT = "b.created_at > x.retention_checked_at - interval '1 day' "
            + "and b.finished_at > x.retention_checked_at - interval '1 minute'";
    private static final String SCHEDULES = "select x.id from schedules x where x.retention is not null "
            + "and jsonb_typeof(x.retention) = 'object'";
    private static final String SOURCES = "select x.id from sources x where x.retention is not null "
            + "and jsonb_typeof(x.retention) = 'object' and x.deleted_at is null";
    private static final String SCHEDULES_CHANGED = SCHEDULES + " and (x.retention_checked_at is null or exists ("
            + "select 1 from backups b where b.schedule_id = x.id and " + RECENT + "))";
    private static final String SOURCES_CHANGED = SOURCES + " and (x.retention_checked_at is null or exists ("
            + "select 1 from backups b where b.tenant_id = x.tenant_id and b.source_id = x.id "
            + "and b.schedule_id is null and b.lifecycle = 'live' and " + RECENT + "))";

    private DueScopes() {
    }

    static List<ScopeRef> all(Connection c) throws SQLException {
        List<ScopeRef> scopes = ids(c, Kind.SCHEDULE, SCHEDULES);
        scopes.addAll(ids(c, Kind.SOURCE, SOURCES));
        return scopes;
    }

    static List<ScopeRef> changed(Connection c) throws SQLException {
        List<ScopeRef> scopes = ids(c, Kind.SCHEDULE, SCHEDULES_CHANGED);
        scopes.addAll(ids(c, Kind.SOURCE, SOURCES_CHANGED));
        return scopes;
    }

    private static List<ScopeRef> ids(Connection c, Kind kind, String sql) throws SQLException {
        List<ScopeRef> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(new ScopeRef(kind, rs.getObject(1, UUID.class)));
            }
        }
        return ids;
    }
}
