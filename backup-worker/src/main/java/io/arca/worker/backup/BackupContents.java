package io.arca.worker.backup;

import io.arca.archive.manifest.Manifest;
import io.arca.jobs.CompletionWrites;
import io.arca.storage.BackupEntryRows;
import java.sql.PreparedStatement;
import java.util.UUID;

/**
 * A completed backup's contents as catalog rows ({@code backup_entries}, V4): one row per manifest entry, in manifest
 * order, written in the transaction that completes the backup, so the API lists contents without decrypting the
 * manifest. Delete-then-insert: an attempt whose completion did not commit leaves nothing behind, and a repeated
 * write replaces the rows instead of adding to them. The rows are {@link BackupEntryRows}', the insert the API's
 * backfill of older backups uses too.
 */
final class BackupContents {
    private BackupContents() {
    }

    static CompletionWrites rows(UUID tenantId, UUID backupId, Manifest manifest) {
        return c -> {
            try (PreparedStatement delete = c.prepareStatement("delete from backup_entries where backup_id = ?")) {
                delete.setObject(1, backupId);
                delete.executeUpdate();
            }
            BackupEntryRows.insert(c, tenantId, backupId, manifest);
        };
    }
}
