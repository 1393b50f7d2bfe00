package io.arca.api.restore;

import io.arca.api.backup.Backup;
import io.arca.api.contents.BackupContents;
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
 * The backup's tables a restore touches, from the backup's catalog rows (its table data entries, as exports check
 * their patterns): all of them, or those its patterns select, matched as the engine matches them
 * ({@link TablePattern}: each table by its own schema and name, so a partition is named itself). A pattern that
 * selects nothing is refused (422 {@code tables-match-nothing} naming each such pattern) before anything is recorded.
 */
@ApplicationScoped
class RestoreSelection {
    @Inject
    BackupContents contents;

    List<QualifiedTable> tables(Backup backup, List<String> patterns) {
        if (BackupOptions.SCHEMA_ONLY.equals(backup.type)) {
            // no table data entries to match: the worker matches the patterns against the schema it restores
            return List.of();
        }
        List<String[]> all = contents.tables(backup.tenantId, backup.id, backup.manifestSha256);
        if (patterns.isEmpty()) {
            return all.stream().map(t -> new QualifiedTable(t[0], t[1])).toList();
        }
        List<TablePattern> parsed = patterns.stream().map(TablePattern::of).toList();
        List<String> unmatched = new ArrayList<>();
        for (TablePattern p : parsed) {
            if (all.stream().noneMatch(t -> p.matches(t[0], t[1]))) {
                unmatched.add(p.text());
            }
        }
        if (!unmatched.isEmpty()) {
            throw new ProblemException(ProblemType.TABLES_MATCH_NOTHING, "no table of backup " + backup.id
                    + " matches " + unmatched + " (patterns are schema.table as the catalog spells the names, '*' "
                    + "any characters; a partition is a table of its own: public.payment* selects a partitioned "
                    + "table with its partitions)", "tables", Map.of("unmatchedPatterns", unmatched));
        }
        return all.stream().filter(t -> parsed.stream().anyMatch(p -> p.matches(t[0], t[1])))
                .map(t -> new QualifiedTable(t[0], t[1])).toList();
    }

    /**
     * Tables the backup may define without holding their rows ({@code excludeData}, or a schema-only backup), which
     * its catalog rows do not name but a restore with {@code dropExisting} re-creates: a test for the target's
     * tables, from the backup's own patterns and the restore's. Empty when the backup holds rows of every table it
     * defines. (It may name a table the backup does not hold, never miss one a pattern selects by its own name.)
     */
    static Optional<Predicate<QualifiedTable>> definedWithoutRows(Backup backup, List<String> patterns) {
        BackupOptions.Tables own = backup.options == null ? new BackupOptions.Tables(null, null, null)
                : backup.options.tablesOrNone();
        boolean schemaOnly = BackupOptions.SCHEMA_ONLY.equals(backup.type);
        if (BackupOptions.DATA_ONLY.equals(backup.type) || (!schemaOnly && own.excludeData().isEmpty())) {
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
