package io.arca.worker.backup;

import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.jobs.CompletionWrites;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import java.util.UUID;

/**
 * A completed backup's contents as catalog rows ({@code backup_entries}, V4): one row per manifest entry, in manifest
 * order, written in the transaction that completes the backup, so the API lists contents without decrypting the
 * manifest. Delete-then-insert: an attempt whose completion did not commit leaves nothing behind, and a repeated
 * write replaces the rows instead of adding to them.
 */
final class BackupContents {
    private BackupContents() {
    }

    static CompletionWrites rows(UUID tenantId, UUID backupId, Manifest manifest) {
        List<ManifestEntry> entries = manifest.entries();
        return c -> {
            try (PreparedStatement delete = c.prepareStatement("delete from backup_entries where backup_id = ?")) {
                delete.setObject(1, backupId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("insert into backup_entries (backup_id, tenant_id, "
                    + "ordinal, name, kind, schema_name, table_name, row_count, bytes, stored_bytes, chunk_count, "
                    + "sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int ordinal = 0;
                for (ManifestEntry e : entries) {
                    insert.setObject(1, backupId);
                    insert.setObject(2, tenantId);
                    insert.setInt(3, ordinal++);
                    insert.setString(4, e.name());
                    insert.setString(5, e.kind());
                    insert.setString(6, e.schema());
                    insert.setString(7, e.table());
                    if (e.rowCount() == null) {
                        insert.setNull(8, Types.BIGINT);
                    } else {
                        insert.setLong(8, e.rowCount());
                    }
                    insert.setLong(9, e.size());
                    insert.setLong(10, e.storedSize());
                    insert.setInt(11, e.chunks().size());
                    insert.setString(12, e.sha256());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        };
    }
}
