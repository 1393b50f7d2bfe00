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
}
