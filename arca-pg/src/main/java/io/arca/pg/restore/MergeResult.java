package io.arca.pg.restore;

import io.arca.pg.RestoreOptions.OnConflict;
import java.util.List;

/**
 * What a merge restore did (or, for a dry run, would do), per table in the order merged.
 *
 * @param dryRun     true when nothing was kept: the counts are what the merge would do on the target as it is now
 * @param onConflict what happened to backup rows whose key the target holds
 */
public record MergeResult(List<TableMerge> tables, OnConflict onConflict, boolean dryRun) {

    public MergeResult {
        tables = List.copyOf(tables);
    }

    /**
     * One table's merge. {@code backupRows = inserted + skipped + overwritten}.
     *
     * @param backupRows  rows of the backup's table
     * @param inserted    backup rows whose primary key the target lacked: inserted
     * @param skipped     backup rows whose key the target holds, target row kept: with SKIP every such row, with
     *                    OVERWRITE only those identical to the target's row (nothing to replace)
     * @param overwritten backup rows whose key the target holds with different contents, replaced (OVERWRITE only);
     *                    rows count as different when their text form ({@code ROW(...)::text}) differs
     */
    public record TableMerge(String schema, String table, long backupRows, long inserted, long skipped,
                             long overwritten) {
    }

    public long inserted() {
        return tables.stream().mapToLong(TableMerge::inserted).sum();
    }

    public long skipped() {
        return tables.stream().mapToLong(TableMerge::skipped).sum();
    }

    public long overwritten() {
        return tables.stream().mapToLong(TableMerge::overwritten).sum();
    }
}
