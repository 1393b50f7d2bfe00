package io.arca.worker.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.RestoreOptions;
import java.util.List;

/**
 * The entries of a dump a restore with these options reads: the schema sections when it restores definitions, the
 * selected tables' data when it restores rows, and large objects and sequence values only in a restore of every
 * table (they belong to no table). This is the engine's rule ({@code PgRestorer.applicable}); the job needs it before
 * the engine runs, to count the selected work for progress and to tell a dry run what would be fetched.
 */
final class SelectedEntries {
    private SelectedEntries() {
    }

    static List<DumpEntry> of(RestoreOptions options, List<DumpEntry> entries) {
        boolean allTables = options.tables().isEmpty();
        return entries.stream().filter(e -> switch (e.kind()) {
            case PRE_DATA, POST_DATA -> options.restoresSchema();
            case TABLE_DATA -> options.restoresData()
                    && (allTables || options.tables().stream().anyMatch(p -> p.matches(e.schema(), e.table())));
            case LARGE_OBJECTS, SEQUENCE_VALUES -> allTables && options.restoresData();
        }).toList();
    }

    static int tables(List<DumpEntry> entries) {
        return (int) entries.stream().filter(e -> e.kind() == EntryKind.TABLE_DATA).count();
    }
}
