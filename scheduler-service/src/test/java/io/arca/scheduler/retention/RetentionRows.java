package io.arca.scheduler.retention;

import io.agroal.api.AgroalDataSource;
import io.arca.scheduler.CatalogRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Catalog rows for retention tests: a schedule with a policy, and backups of it or of its source at chosen times. */
final class RetentionRows {
    private final AgroalDataSource db;
    final CatalogRows rows;

    RetentionRows(AgroalDataSource db) throws SQLException {
        this.db = db;
        this.rows = new CatalogRows(db);
    }

    UUID schedule(String retentionJson, String zone) throws SQLException {
        UUID id = UUID.randomUUID();
        rows.exec("insert into schedules (id, tenant_id, source_id, name, backup_options, timing, cron, time_zone, "
                + "retention) values (?, ?, ?, ?, '{}', '{\"cron\": \"0 * * * *\"}', '0 * * * *', ?, "
                + "cast(? as jsonb))", id, rows.tenantId, rows.sourceId, "s-" + id, zone, retentionJson);
        return id;
    }

    void sourcePolicy(String retentionJson) throws SQLException {
        rows.exec("update sources set retention = cast(? as jsonb) where id = ?", retentionJson, rows.sourceId);
    }

    /** A backup started at {@code started}, finished ten minutes later. */
    UUID backup(UUID scheduleId, String state, Instant started, boolean pinned, boolean corrupted)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("insert into backups (id, "
                + "tenant_id, source_id, type, options, state, created_at, started_at, finished_at, schedule_id, "
                + "origin, pinned_at, pin_reason, corrupted) values (?, ?, ?, 'full', '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, rows.tenantId);
            ps.setObject(3, rows.sourceId);
            ps.setString(4, state);
            ps.setTimestamp(5, Timestamp.from(started.minusSeconds(5)));
            ps.setTimestamp(6, Timestamp.from(started));
            ps.setTimestamp(7, Timestamp.from(started.plusSeconds(600)));
            ps.setObject(8, scheduleId);
            ps.setString(9, scheduleId == null ? "api" : "schedule");
            ps.setTimestamp(10, pinned ? Timestamp.from(started) : null);
            ps.setString(11, pinned ? "audit" : null);
            ps.setBoolean(12, corrupted);
            ps.executeUpdate();
        }
        return id;
    }

    /** {@code n} completed backups every {@code hours} hours back from {@code newest}, newest first. */
    List<UUID> completed(UUID scheduleId, Instant newest, int n, int hours) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(backup(scheduleId, "completed", newest.minusSeconds(3600L * hours * i), false, false));
        }
        return ids;
    }

    List<String> ids(String sql, Object... params) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}
