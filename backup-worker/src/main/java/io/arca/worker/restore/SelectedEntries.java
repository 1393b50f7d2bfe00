package io.arca.worker.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.DumpRelation;
import io.arca.pg.EntryKind;
import io.arca.pg.RestoreOptions;
import io.arca.pg.restore.RestorePreview;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entries of a dump a restore with these options reads, known before the engine runs, from the dump plan alone:
 * the job counts the selected work for progress with it. The schema sections when it restores definitions; the data
 * of the selected tables (a pattern selects a table when it matches the table or one of its partition ancestors, as
 * the engine's {@code RestorePlan} selects them; plans before version 4 record no partition parents, and then the
 * table's own name decides); sequence values when rows are restored (a selection reads them for its owned
 * sequences), large objects only in a restore of every table. A dry run has the engine's exact list of tables (its
 * preview) and takes the tables from there: {@link #ofPreview}.
 */
final class SelectedEntries {
    private SelectedEntries() {
    }

    static List<DumpEntry> of(RestoreOptions options, List<DumpEntry> entries, Map<Long, DumpRelation> relations) {
        boolean allTables = options.tables().isEmpty();
        return entries.stream().filter(e -> switch (e.kind()) {
            case PRE_DATA, POST_DATA -> options.restoresSchema();
            case TABLE_DATA -> options.restoresData() && (allTables || selected(options, e, relations));
            case SEQUENCE_VALUES -> options.restoresData();
            case LARGE_OBJECTS -> allTables && options.restoresData();
        }).toList();
    }

    /** The entries the restore previewed by {@code preview} reads: the same rule, with the engine's tables. */
    static List<DumpEntry> ofPreview(RestoreOptions options, List<DumpEntry> entries, RestorePreview preview) {
        Set<String> tables = new HashSet<>();
        preview.tables().forEach(t -> tables.add(t.schema() + "." + t.table()));
        boolean allTables = options.tables().isEmpty();
        return entries.stream().filter(e -> switch (e.kind()) {
            case PRE_DATA, POST_DATA -> options.restoresSchema();
            case TABLE_DATA -> options.restoresData() && tables.contains(e.qualifiedTable());
            case SEQUENCE_VALUES -> options.restoresData();
            case LARGE_OBJECTS -> allTables && options.restoresData();
        }).toList();
    }

    static int tables(List<DumpEntry> entries) {
        return (int) entries.stream().filter(e -> e.kind() == EntryKind.TABLE_DATA).count();
    }

    private static boolean selected(RestoreOptions options, DumpEntry table, Map<Long, DumpRelation> relations) {
        if (options.tables().stream().anyMatch(p -> p.matches(table.schema(), table.table()))) {
            return true;
        }
        DumpRelation r = relations.get(oidOf(table));
        // a partition's ancestors, up the chain (bounded by the number of relations: a cycle cannot loop forever)
        for (int depth = 0; r != null && r.partitionOf() != 0 && depth < relations.size(); depth++) {
            DumpRelation parent = relations.get(r.partitionOf());
            if (parent != null && options.tables().stream().anyMatch(p -> p.matches(parent.schema(), parent.name()))) {
                return true;
            }
            r = parent;
        }
        return false;
    }

    private static long oidOf(DumpEntry table) {
        try {
            return Long.parseLong(table.name().substring(table.name().lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
