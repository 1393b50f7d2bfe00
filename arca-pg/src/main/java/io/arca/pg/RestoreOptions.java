package io.arca.pg;

import java.util.Arrays;
import java.util.List;

/**
 * How to restore. A dry run is not an option here: {@code PgRestorer.preview} takes the same options and changes
 * nothing.
 *
 * @param tables        when non-empty, only the matching tables ({@link TablePattern}s matched against each table's
 *                      own schema and name, so name partitions explicitly, e.g. {@code public.payment*}) are restored,
 *                      whole: definitions, rows, the sequences they own, indexes, constraints, triggers and the
 *                      foreign keys among them. Large objects and the values of sequences no selected table owns are
 *                      then not restored.
 * @param mode          {@link Mode#REPLACE} (restore the objects) or {@link Mode#MERGE} (bring back rows by primary
 *                      key into existing tables; needs {@code tables})
 * @param schemaOnly    definitions only (pre-data and post-data), no rows
 * @param dataOnly      rows into existing tables: each selected table is emptied and reloaded in one transaction
 * @param skipOwnership do not restore owners and privileges ({@code pg_restore --no-owner --no-privileges}): the
 *                      restoring user owns everything. For targets that lack the source's roles.
 * @param dropExisting  drop the restored objects where they exist in the target, then re-create them; without it a
 *                      conflicting object fails the restore before anything is written
 * @param strict        refuse a table selection that leaves out a table one of its foreign keys references (default:
 *                      such foreign keys are reported and skipped)
 * @param onConflict    in {@link Mode#MERGE}: what a backup row whose primary key the target holds does
 * @param parallelism   sessions loading table data at once (default 2)
 */
public record RestoreOptions(List<TablePattern> tables, Mode mode, boolean schemaOnly, boolean dataOnly,
                             boolean skipOwnership, boolean dropExisting, boolean strict, OnConflict onConflict,
                             int parallelism) {

    /** What a restore does with the rows and objects it brings back. */
    public enum Mode {
        /** Restore the backup's objects (new ones, or over dropped ones with {@code dropExisting}). */
        REPLACE,
        /** Insert the backup's rows into existing tables, matched by primary key. */
        MERGE
    }

    /** In a merge, what happens to a backup row whose primary key is already in the target table. */
    public enum OnConflict {
        /** Keep the target's current row (nothing is overwritten). */
        SKIP,
        /** Replace the target's row with the backup's version. */
        OVERWRITE
    }

    public RestoreOptions {
        tables = tables == null ? List.of() : List.copyOf(tables);
        mode = mode == null ? Mode.REPLACE : mode;
        onConflict = onConflict == null ? OnConflict.SKIP : onConflict;
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        if (schemaOnly && dataOnly) {
            throw new IllegalArgumentException("schemaOnly and dataOnly exclude each other: choose one");
        }
        if (dropExisting && dataOnly) {
            throw new IllegalArgumentException("dropExisting drops and re-creates the restored objects, which a "
                    + "dataOnly restore does not do: choose one");
        }
        if (mode == Mode.MERGE && (tables.isEmpty() || schemaOnly || dataOnly || dropExisting)) {
            throw new IllegalArgumentException("a merge restore needs tables and excludes schemaOnly, dataOnly "
                    + "and dropExisting");
        }
    }

    /** Everything the dump holds, with owners and privileges, into an empty database, two sessions. */
    public static RestoreOptions full() {
        return new RestoreOptions(List.of(), Mode.REPLACE, false, false, false, false, false, OnConflict.SKIP,
                DumpOptions.DEFAULT_PARALLELISM);
    }

    /** Whether the restore writes rows (not schema-only). */
    public boolean restoresData() {
        return !schemaOnly;
    }

    /** Whether the restore creates or replaces definitions (not data-only and not a merge). */
    public boolean restoresSchema() {
        return !dataOnly && mode == Mode.REPLACE;
    }

    public RestoreOptions withTables(String... patterns) {
        return withTablePatterns(Arrays.stream(patterns).map(TablePattern::of).toList());
    }

    public RestoreOptions withTablePatterns(List<TablePattern> patterns) {
        return new RestoreOptions(patterns, mode, schemaOnly, dataOnly, skipOwnership, dropExisting, strict,
                onConflict, parallelism);
    }

    public RestoreOptions withMode(Mode value) {
        return new RestoreOptions(tables, value, schemaOnly, dataOnly, skipOwnership, dropExisting, strict,
                onConflict, parallelism);
    }

    public RestoreOptions withSchemaOnly(boolean value) {
        return new RestoreOptions(tables, mode, value, dataOnly, skipOwnership, dropExisting, strict, onConflict,
                parallelism);
    }

    public RestoreOptions withDataOnly(boolean value) {
        return new RestoreOptions(tables, mode, schemaOnly, value, skipOwnership, dropExisting, strict, onConflict,
                parallelism);
    }

    public RestoreOptions withSkipOwnership(boolean value) {
        return new RestoreOptions(tables, mode, schemaOnly, dataOnly, value, dropExisting, strict, onConflict,
                parallelism);
    }

    public RestoreOptions withDropExisting(boolean value) {
        return new RestoreOptions(tables, mode, schemaOnly, dataOnly, skipOwnership, value, strict, onConflict,
                parallelism);
    }

    public RestoreOptions withStrict(boolean value) {
        return new RestoreOptions(tables, mode, schemaOnly, dataOnly, skipOwnership, dropExisting, value, onConflict,
                parallelism);
    }

    public RestoreOptions withOnConflict(OnConflict value) {
        return new RestoreOptions(tables, mode, schemaOnly, dataOnly, skipOwnership, dropExisting, strict, value,
                parallelism);
    }

    public RestoreOptions withParallelism(int sessions) {
        return new RestoreOptions(tables, mode, schemaOnly, dataOnly, skipOwnership, dropExisting, strict, onConflict,
                sessions);
    }
}
