package io.arca.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Loads a scope's live backups, newest first, in one query of the few columns retention needs (a scope of 10,000
 * backups is a few hundred kilobytes). Deleted, deleting and expiring backups are already on their way out and are
 * not read. Safety backups ({@code origin = 'safety'}: a restore target's objects, taken before a restore overwrote
 * them) belong to no retention scope: they neither count toward a source's keep rules nor expire by them, and stay
 * until deleted (failed ones go with the failed cleanup like any failed backup).
 */
public final class ScopeBackups {
    private static final String COLUMNS = "select id, source_id, schedule_id, state, corrupted, pinned_at is not null, "
            + "coalesce(started_at, created_at) as t from backups ";
    private static final String OF_SCHEDULE = COLUMNS
            + "where tenant_id = ? and schedule_id = ? and lifecycle = 'live' and origin <> 'safety' "
            + "order by t desc, id desc";
    // matches the partial index backups_tenant_source_live
    private static final String OF_SOURCE = COLUMNS
            + "where tenant_id = ? and source_id = ? and schedule_id is null and lifecycle = 'live' "
            + "and origin <> 'safety' order by t desc, id desc";

    private ScopeBackups() {
    }

    public static List<ScopeBackup> load(Connection c, RetentionScope scope) throws SQLException {
        List<ScopeBackup> backups = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                scope.kind() == RetentionScope.Kind.SCHEDULE ? OF_SCHEDULE : OF_SOURCE)) {
            ps.setObject(1, scope.tenantId());
            ps.setObject(2, scope.id());
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp t = rs.getTimestamp(7);
                    backups.add(new ScopeBackup(rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getBoolean(5), rs.getBoolean(6), t.toInstant()));
                }
            }
        }
        return backups;
    }
}
