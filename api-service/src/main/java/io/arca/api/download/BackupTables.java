package io.arca.api.download;

import io.arca.pg.EntryKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A backup's tables as {@code ExportRequest.checkAgainst} wants them: from the catalog's {@code backup_entries},
 * or, for a backup completed before those rows existed, from its manifest (read once per request; writing the
 * rows is the contents endpoint's job, not a link's).
 */
@ApplicationScoped
class BackupTables {
    /** The manifest's kind label of a table's rows ({@code io.arca.pg.EntryKind.TABLE_DATA}). */
    static final String TABLE_DATA = EntryKind.TABLE_DATA.label();

    private final BackupRecords records;
    private final BackupOpener opener;

    BackupTables(BackupRecords records, BackupOpener opener) {
        this.records = records;
        this.opener = opener;
    }

    List<String[]> of(BackupRecord backup) {
        return records.tables(backup.id()).orElseGet(() -> opener.tablesFromManifest(backup));
    }
}
