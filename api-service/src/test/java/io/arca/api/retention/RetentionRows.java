package io.arca.api.retention;

import io.arca.api.ApiTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Catalog rows the retention API reads: schedules (their API is another feature's) and backups in given states. */
final class RetentionRows {
    private RetentionRows() {
    }

    static UUID schedule(UUID tenantId, String sourceId, String retentionJson, String zone) throws Exception {
        UUID id = UUID.randomUUID();
        exec("insert into schedules (id, tenant_id, source_id, name, backup_options, timing, cron, time_zone, "
                + "retention) values (?, ?, ?, ?, '{}', '{\"cron\": \"0 * * * *\"}', '0 * * * *', ?, "
                + "cast(? as jsonb))", id, tenantId, UUID.fromString(sourceId), "s-" + id, zone, retentionJson);
        return id;
    }

    /** A backup of the source in {@code state}, started at {@code started}. */
    static UUID backup(UUID tenantId, String sourceId, UUID scheduleId, String state, Instant started)
            throws Exception {
        UUID id = UUID.randomUUID();
        exec("insert into backups (id, tenant_id, source_id, type, options, state, created_at, started_at, "
                + "finished_at, schedule_id) values (?, ?, ?, 'full', '{}', ?, ?, ?, ?, ?)", id, tenantId,
                UUID.fromString(sourceId), state, Timestamp.from(started), Timestamp.from(started),
                Timestamp.from(started.plusSeconds(60)), scheduleId);
        return id;
    }

    static void exec(String sql, Object... params) throws Exception {
        try (Connection c = ApiTest.catalog(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
