package io.arca.pg.dump;

import io.arca.pg.BlockRange;
import io.arca.pg.DumpEntry;
import io.arca.pg.Identifiers;

/**
 * One COPY of a dump: a whole table into its entry, or one block range of a split table into segment
 * {@code segment} of {@code segments} of its entry.
 *
 * @param range null for a whole table
 */
record CopyTask(Relation table, DumpEntry entry, BlockRange range, int segment, int segments) {

    static CopyTask whole(Relation table, DumpEntry entry) {
        return new CopyTask(table, entry, null, 0, 1);
    }

    /**
     * The statement: the entry's {@link DumpEntry#copyToStdout()} for a whole table; for a range, a COPY of a query
     * selecting the same columns from the range's blocks. Both write the same text for the same rows, in the same
     * (physical) order, so a split entry's bytes are the whole table's.
     */
    String copySql() {
        if (range == null) {
            return entry.copyToStdout();
        }
        String columns = String.join(", ", entry.columns().stream().map(Identifiers::quote).toList());
        return "COPY (SELECT " + columns + " FROM " + Identifiers.qualified(entry.schema(), entry.table())
                + " WHERE " + range.ctidCondition() + ") TO STDOUT";
    }

    String display() {
        return range == null ? table.display() : table.display() + " (blocks " + range.fromBlock() + " to "
                + (range.open() ? "the end" : String.valueOf(range.toBlock())) + ")";
    }
}
