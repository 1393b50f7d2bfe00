package io.arca.api.restore;

import io.arca.api.backup.Backup;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.jobs.options.BackupOptions;
import io.arca.pg.TablePattern;
import io.arca.pg.restore.TargetInspection.QualifiedTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The backup's tables a restore touches ({@link BackupTables}): all of them, or those its patterns select, matched as
 * the engine matches them ({@link TablePattern} against a table's own schema and name, or one of its partition
 * parents'). A pattern that selects nothing is refused (422 {@code tables-match-nothing} naming each such pattern)
 * before anything is recorded.
 */
@ApplicationScoped
class RestoreSelection {
    @Inject
    BackupTables backupTables;

    /**
     * The selected tables.
     *
     * @param complete every table the restore re-creates is listed; otherwise only those the backup holds rows of
     */
    record Selected(List<BackupTables.Table> tables, boolean complete) {
    }

    Selected select(Backup backup, List<String> patterns) {
        BackupTables.Tables all = backupTables.of(backup);
        if (patterns.isEmpty()) {
            return new Selected(all.tables(), all.complete());
        }
        List<TablePattern> parsed = patterns.stream().map(TablePattern::of).toList();
        // without its definitions listed, a schema-only backup's patterns are the worker's to check
        boolean checkable = all.complete() || !BackupOptions.SCHEMA_ONLY.equals(backup.type);
        List<String> unmatched = new ArrayList<>();
        for (TablePattern p : parsed) {
            if (all.tables().stream().noneMatch(t -> p.matches(t.table().schema(), t.table().table()))) {
                unmatched.add(p.text());
            }
        }
        if (checkable && !unmatched.isEmpty()) {
            throw new ProblemException(ProblemType.TABLES_MATCH_NOTHING, "no table of backup " + backup.id
                    + " matches " + unmatched + " (patterns are schema.table as the catalog spells the names, '*' "
                    + "any characters)", "tables", Map.of("unmatchedPatterns", unmatched));
        }
        return new Selected(all.tables().stream().filter(t -> selects(parsed, t)).toList(), all.complete());
    }

    private static boolean selects(List<TablePattern> patterns, BackupTables.Table t) {
        return matches(patterns, t.table()) || t.ancestors().stream().anyMatch(a -> matches(patterns, a));
    }

    /**
     * For a selection that lists only tables with rows: tables the backup may define without holding their rows
     * ({@code excludeData}, or a schema-only backup), which a restore with {@code dropExisting} re-creates: a test
     * for the target's tables, from the backup's own patterns and the restore's. Empty when nothing is missing. (It
     * may name a table the backup does not hold, never miss one a pattern selects by its own name.)
     */
    static Optional<Predicate<QualifiedTable>> definedWithoutRows(Backup backup, Selected selected,
                                                                  List<String> patterns) {
        BackupOptions.Tables own = backup.options == null ? new BackupOptions.Tables(null, null, null)
                : backup.options.tablesOrNone();
        boolean schemaOnly = BackupOptions.SCHEMA_ONLY.equals(backup.type);
        if (selected.complete() || BackupOptions.DATA_ONLY.equals(backup.type)
                || (!schemaOnly && own.excludeData().isEmpty())) {
            return Optional.empty();
        }
        List<TablePattern> include = parse(own.include());
        List<TablePattern> exclude = parse(own.exclude());
        List<TablePattern> withoutRows = parse(own.excludeData());
        List<TablePattern> restored = parse(patterns);
        return Optional.of(t -> (include.isEmpty() || matches(include, t)) && !matches(exclude, t)
                && (schemaOnly || matches(withoutRows, t)) && (restored.isEmpty() || matches(restored, t)));
    }

    private static List<TablePattern> parse(List<String> patterns) {
        return patterns == null ? List.of() : patterns.stream().map(TablePattern::of).toList();
    }

    private static boolean matches(List<TablePattern> patterns, QualifiedTable t) {
        return patterns.stream().anyMatch(p -> p.matches(t.schema(), t.table()));
    }
}
