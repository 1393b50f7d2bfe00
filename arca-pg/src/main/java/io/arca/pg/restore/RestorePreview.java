package io.arca.pg.restore;

import io.arca.pg.EntrySource;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.restore.TargetInspection.ExistingTable;
import java.util.List;
import java.util.Map;

/**
 * A dry run of a restore: what it would create, drop, load or merge, and what the target holds now. A plain record
 * tree (Jackson writes it as the restore's {@code preview}); the worker adds the bucket facts and the duration
 * estimate. Producing it changes nothing in the target (see {@link #of}). docs/restore.md, "Dry run", explains every
 * field.
 *
 * @param databaseExists     false when the target database does not exist yet (the restore would create it)
 * @param mode               {@code replace} or {@code merge}
 * @param versions           the backed-up and the target server's versions
 * @param objectsToCreate    schema objects the restore creates, per kind as pg_restore names them ({@code TABLE},
 *                           {@code INDEX}, {@code FK CONSTRAINT}, ...); empty for data-only and merge restores
 * @param objectsToDrop      existing objects {@code dropExisting} drops before re-creating them, per kind
 * @param tables             the tables the restore touches, with their rows and bytes
 * @param rowsToLoad         rows of all {@code tables} to load (-1 when the source does not know them)
 * @param bytesToLoad        bytes of COPY text of all {@code tables} (-1 when the source does not know them)
 * @param conflicts          what in the target makes the restore fail or differ from the backup
 * @param foreignKeysLeftOut foreign keys of selected tables to tables left out (skipped, or refused with strict)
 * @param unmatchedPatterns  {@code tables} patterns matching no table of the backup
 * @param privilegesNeeded   what the real run needs of the connected user, as sentences
 * @param privilegeProblems  what of that the connected user lacks, as sentences (empty: nothing)
 * @param wouldOverwrite     the existing data the restore overwrites or drops: what {@code confirmDataLoss} confirms
 * @param dependentsRecreated with {@code dropExisting}: the target's views and materialized views over restored
 *                           tables that the restore drops and re-creates from the target's own definitions
 *                           ({@code schema.name (view)}, in re-creation order); empty otherwise
 */
public record RestorePreview(boolean databaseExists, String mode, Versions versions,
                             Map<String, Integer> objectsToCreate, Map<String, Integer> objectsToDrop,
                             List<TablePreview> tables, long rowsToLoad, long bytesToLoad, Conflicts conflicts,
                             List<String> foreignKeysLeftOut, List<String> unmatchedPatterns,
                             List<String> privilegesNeeded, List<String> privilegeProblems,
                             WouldOverwrite wouldOverwrite, List<String> dependentsRecreated) {

    public RestorePreview {
        objectsToCreate = Map.copyOf(objectsToCreate);
        objectsToDrop = Map.copyOf(objectsToDrop);
        tables = List.copyOf(tables);
        foreignKeysLeftOut = List.copyOf(foreignKeysLeftOut);
        unmatchedPatterns = List.copyOf(unmatchedPatterns);
        privilegesNeeded = List.copyOf(privilegesNeeded);
        privilegeProblems = List.copyOf(privilegeProblems);
        dependentsRecreated = List.copyOf(dependentsRecreated);
    }

    /**
     * @param source      the backed-up server's {@code server_version}; null when the archive does not say
     * @param target      the target server's {@code server_version}; null when it could not be read
     * @param difference  a sentence when the major versions differ (newer: supported; older: refused), else null
     */
    public record Versions(String source, Integer sourceMajor, String target, Integer targetMajor,
                           String difference) {
    }

    /**
     * One table of the restore (a partition is a table of its own: its rows are loaded into it).
     *
     * @param action          {@code create} (the restore creates it; if it exists without dropExisting that is a
     *                        conflict), {@code replace} (dropped and re-created), {@code load} (emptied and loaded,
     *                        data-only) or {@code merge}
     * @param rows            rows the restore loads (the backup's; 0 for schema-only; -1 when unknown)
     * @param bytes           bytes of the backup's COPY text for it (0 for schema-only; -1 when unknown)
     * @param rowsNow         rows the target's table holds now; null when it does not exist there
     * @param rowsNowEstimated whether {@code rowsNow} is the planner's estimate (a large table)
     * @param merge           for a merge: what it would insert, skip and overwrite; else null
     */
    public record TablePreview(String schema, String table, String action, long rows, long bytes, Long rowsNow,
                               boolean rowsNowEstimated, MergeCounts merge) {
    }

    /** A merge's counts for one table, from a dry run of the merge ({@link MergeResult.TableMerge}). */
    public record MergeCounts(long inserted, long skipped, long overwritten) {
    }

    /**
     * @param existingTables    tables a replace restore would create that the target already has, with their rows
     *                          now (dropped with dropExisting, else the restore fails)
     * @param existingRelations other relations (sequences, views, ...) it would create that the target has
     * @param missingTables     tables a data-only or merge restore loads that the target lacks
     * @param missingRoles      roles owning restored objects that the target lacks (none with skipOwnership)
     * @param missingExtensions extensions the restore creates that the target database lacks
     * @param blocking          sentences: what would make the real run fail before writing anything
     */
    public record Conflicts(List<ExistingTable> existingTables, List<String> existingRelations,
                            List<String> missingTables, List<String> missingRoles, List<String> missingExtensions,
                            List<String> blocking) {
        public Conflicts {
            existingTables = List.copyOf(existingTables);
            existingRelations = List.copyOf(existingRelations);
            missingTables = List.copyOf(missingTables);
            missingRoles = List.copyOf(missingRoles);
            missingExtensions = List.copyOf(missingExtensions);
            blocking = List.copyOf(blocking);
        }
    }

    /**
     * What the restore overwrites or drops, as the API's 409 {@code data-loss-unconfirmed} quotes it: with
     * dropExisting every restored table the target has (and, restoring the whole backup, the schemas it has); for
     * data-only and merge-overwrite the restored tables that hold rows.
     *
     * @param rows the rows those tables hold now (estimates included, unknown ones left out)
     */
    public record WouldOverwrite(List<String> schemas, List<ExistingTable> tables, long rows) {
        public WouldOverwrite {
            schemas = List.copyOf(schemas);
            tables = List.copyOf(tables);
        }
    }

    /**
     * The dry run: plans the restore ({@link RestorePlan}), inspects the target ({@link TargetInspection}, read-only)
     * and for a merge runs it in a transaction that is rolled back ({@link MergeRestore}, which stages rows in
     * temporary tables only). Nothing in the target changes. A missing target database is reported, not an error.
     */
    public static RestorePreview of(PgTools tools, PgConnectionSpec target, RestoreOptions options,
                                    EntrySource source) {
        return DryRun.preview(tools, target, options, source);
    }
}
