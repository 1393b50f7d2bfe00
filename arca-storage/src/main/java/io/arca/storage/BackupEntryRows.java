package io.arca.storage;

import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.UUID;

/**
 * A backup's contents as catalog rows ({@code backup_entries}, one per manifest entry, in manifest order), so the
 * API lists them without decrypting the manifest. Written when a backup completes, and from the manifest on first
 * request for backups that completed before the table existed; both write the same rows, so a second writer's
 * insert does nothing. Plain JDBC on the caller's connection and transaction.
 */
public final class BackupEntryRows {
    private static final String INSERT = "insert into backup_entries (backup_id, tenant_id, ordinal, name, kind, "
            + "schema_name, table_name, row_count, bytes, stored_bytes, chunk_count, sha256) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing";

    private BackupEntryRows() {
    }

    /** Inserts one row per entry of {@code manifest} (ordinal = its position); rows already there are kept. */
    public static void insert(Connection c, UUID tenantId, UUID backupId, Manifest manifest) throws SQLException {
        List<ManifestEntry> entries = manifest.entries();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < entries.size(); i++) {
                ManifestEntry e = entries.get(i);
                ps.setObject(1, backupId);
                ps.setObject(2, tenantId);
                ps.setInt(3, i);
                ps.setString(4, e.name());
                ps.setString(5, e.kind());
                ps.setString(6, e.schema());
                ps.setString(7, e.table());
                if (e.rowCount() == null) {
                    ps.setNull(8, Types.BIGINT);
                } else {
                    ps.setLong(8, e.rowCount());
                }
                ps.setLong(9, e.size());
                ps.setLong(10, e.storedSize());
                ps.setInt(11, e.chunks().size());
                ps.setString(12, e.sha256());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
