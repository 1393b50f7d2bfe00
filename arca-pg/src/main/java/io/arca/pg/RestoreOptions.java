package io.arca.pg;

import java.util.Arrays;
import java.util.List;

/**
 * How to restore.
 *
 * @param tables        when non-empty, only matching tables' data is restored ({@link TablePattern}s matched against
 *                      each data entry's own schema and table, so name partitions explicitly, e.g.
 *                      {@code public.payment*}). Large objects and sequence values are then not restored.
 *                      Currently only together with {@code dataOnly}.
 * @param dataOnly      skip pre-data and post-data: load rows, large objects and sequence values into existing
 *                      tables. Loads with {@code session_replication_role = replica} (foreign keys and triggers not
 *                      fired, as {@code pg_restore --disable-triggers}), which needs a superuser.
 * @param skipOwnership do not restore owners and privileges ({@code pg_restore --no-owner --no-privileges}): the
 *                      restoring user owns everything. For targets that lack the source's roles.
 * @param dropExisting  drop the dump's objects where they exist in the target, then restore
 *                      ({@code pg_restore --clean --if-exists} on pre-data, in the same transaction as the
 *                      re-creation). Objects of the target that depend on them and are not in the dump (a foreign
 *                      key from another table, a view) make the restore fail instead of being dropped.
 * @param dryRun        report what would be restored and the conflicts, change nothing — not implemented yet
 * @param parallelism   sessions loading table data at once (default 2)
 */
public record RestoreOptions(List<TablePattern> tables, boolean dataOnly, boolean skipOwnership,
                             boolean dropExisting, boolean dryRun, int parallelism) {

    public RestoreOptions {
        tables = tables == null ? List.of() : List.copyOf(tables);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
    }

    /** Everything the dump holds, with owners and privileges, into an empty database, two sessions. */
    public static RestoreOptions full() {
        return new RestoreOptions(List.of(), false, false, false, false, DumpOptions.DEFAULT_PARALLELISM);
    }

    public RestoreOptions withDataOnly(boolean value) {
        return new RestoreOptions(tables, value, skipOwnership, dropExisting, dryRun, parallelism);
    }

    public RestoreOptions withTables(String... patterns) {
        return new RestoreOptions(Arrays.stream(patterns).map(TablePattern::of).toList(), dataOnly, skipOwnership,
                dropExisting, dryRun, parallelism);
    }

    public RestoreOptions withSkipOwnership(boolean value) {
        return new RestoreOptions(tables, dataOnly, value, dropExisting, dryRun, parallelism);
    }

    public RestoreOptions withParallelism(int sessions) {
        return new RestoreOptions(tables, dataOnly, skipOwnership, dropExisting, dryRun, sessions);
    }

    public RestoreOptions withDropExisting(boolean value) {
        return new RestoreOptions(tables, dataOnly, skipOwnership, value, dryRun, parallelism);
    }

    public RestoreOptions withDryRun(boolean value) {
        return new RestoreOptions(tables, dataOnly, skipOwnership, dropExisting, value, parallelism);
    }
}
