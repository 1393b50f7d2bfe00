package io.arca.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * The backups one policy governs: a schedule's (its policy, read in its time zone), or a source's backups that no
 * schedule made (API backups, and those of a deleted schedule: the foreign key sets their schedule_id to null) under
 * the source's default policy, read in UTC (a source has no zone of its own).
 *
 * @param policy null when the scope has none: every backup is kept
 */
public record RetentionScope(Kind kind, UUID id, UUID tenantId, RetentionPolicy policy, ZoneId zone) {

    public enum Kind {
        SCHEDULE("schedule", "schedules"),
        SOURCE("source", "sources");

        private final String wireName;
        private final String table;

        Kind(String wireName, String table) {
            this.wireName = wireName;
            this.table = table;
        }

        public String wireName() {
            return wireName;
        }

        /** The scope's table (a constant, safe to concatenate into SQL). */
        public String table() {
            return table;
        }
    }

    /** The scope row (any tenant: callers that act for a tenant compare {@link #tenantId()}); a deleted source is none. */
    public static Optional<RetentionScope> find(Connection c, Kind kind, UUID id) throws SQLException {
        String sql = kind == Kind.SCHEDULE
                ? "select tenant_id, retention::text, time_zone from schedules where id = ?"
                : "select tenant_id, retention::text, 'UTC' from sources where id = ? and deleted_at is null";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RetentionScope(kind, id, rs.getObject(1, UUID.class),
                        RetentionPolicyJson.read(rs.getString(2)), zone(rs.getString(3))));
            }
        }
    }

    /** The same scope judged by another policy (a preview of a policy before it is saved). */
    public RetentionScope withPolicy(RetentionPolicy other) {
        return new RetentionScope(kind, id, tenantId, other, zone);
    }

    /** Who this is, for details and logs: {@code schedule 6f1c… (keepDaily 7; zone Europe/Berlin)}. */
    public String describe() {
        return kind.wireName + " " + id + " (" + (policy == null ? "no policy" : policy.summary()) + "; zone "
                + zone.getId() + ")";
    }

    private static ZoneId zone(String id) {
        return id == null || id.isBlank() ? ZoneOffset.UTC : ZoneId.of(id);
    }
}
