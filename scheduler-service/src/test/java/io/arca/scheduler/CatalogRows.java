package io.arca.scheduler;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Test rows in the catalog: a tenant with one source, and running jobs with a lease in the past or future. */
public final class CatalogRows {
    private final AgroalDataSource db;
    public final UUID tenantId = UUID.randomUUID();
    public final UUID sourceId = UUID.randomUUID();

    public CatalogRows(AgroalDataSource db) throws SQLException {
        this.db = db;
        exec("insert into tenants (id, name) values (?, ?)", tenantId, "t-" + tenantId);
        exec("insert into sources (id, tenant_id, name, host, port, database_name, username, password_sealed) "
                + "values (?, ?, 'src', 'localhost', 5432, 'shop', 'u', '\\x00'::bytea)", sourceId, tenantId);
    }

    /** A running backup whose lease expires {@code leaseSecondsFromNow} from now (negative: already expired). */
    public UUID runningBackup(int attempt, String worker, int leaseSecondsFromNow) throws SQLException {
        UUID id = UUID.randomUUID();
        exec("insert into backups (id, tenant_id, source_id, type, options, state, attempt, worker_id, "
                + "lease_expires_at, started_at) values (?, ?, ?, 'full', '{}', 'running', " + attempt + ", '" + worker
                + "', now() + make_interval(secs => " + leaseSecondsFromNow + "), now())", id, tenantId, sourceId);
        return id;
    }

    public UUID runningRestore(int attempt, String worker, int leaseSecondsFromNow) throws SQLException {
        UUID backup = UUID.randomUUID();
        exec("insert into backups (id, tenant_id, source_id, type, options, state) "
                + "values (?, ?, ?, 'full', '{}', 'completed')", backup, tenantId, sourceId);
        UUID id = UUID.randomUUID();
        exec("insert into restores (id, tenant_id, backup_id, target_source_id, target_database, state, attempt, "
                + "worker_id, lease_expires_at) values (?, ?, ?, ?, 'shop_restored', 'running', " + attempt + ", '"
                + worker + "', now() + make_interval(secs => " + leaseSecondsFromNow + "))",
                id, tenantId, backup, sourceId);
        return id;
    }

    /** A completed backup of the source (no objects in the bucket). */
    public UUID completedBackup() throws SQLException {
        UUID id = UUID.randomUUID();
        exec("insert into backups (id, tenant_id, source_id, type, options, state) "
                + "values (?, ?, ?, 'full', '{}', 'completed')", id, tenantId, sourceId);
        return id;
    }

    /** An export of {@code backup} in {@code state} that expires {@code secondsFromNow} from now (negative: expired). */
    public UUID export(UUID backup, String state, int secondsFromNow, String objectKey) throws SQLException {
        UUID id = UUID.randomUUID();
        exec("insert into exports (id, tenant_id, backup_id, source_id, format, compression, state, object_key, "
                + "expires_at) values (?, ?, ?, ?, 'sql', 'gzip', ?, ?, now() + make_interval(secs => "
                + secondsFromNow + "))", id, tenantId, backup, sourceId, state, objectKey);
        return id;
    }

    public void makeDue(String table, UUID id) throws SQLException {
        exec("update " + table + " set next_attempt_at = now() - interval '1 second' where id = ?", id);
    }

    public String text(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public long count(String sql, Object... params) throws SQLException {
        return Long.parseLong(text(sql, params));
    }

    public void exec(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
