package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.internal.TableParts;
import java.util.ArrayList;
import java.util.List;

/**
 * One COPY FROM of a restore: a whole TABLE_DATA entry ({@code segment} -1), or one segment of a split table's
 * entry. The segments of one entry share a {@link TableParts}, which knows when the last of them is in.
 */
record LoadTask(DumpEntry entry, int segment, TableParts table) {

    /** The tasks for {@code entries}, in their order; a split entry's segments one after the other. */
    static List<LoadTask> of(List<DumpEntry> entries, EntrySource source) {
        List<LoadTask> tasks = new ArrayList<>();
        for (DumpEntry e : entries) {
            int segments = source.segmentSizes(e).size();
            if (segments < 2) {
                tasks.add(new LoadTask(e, -1, new TableParts(1)));
                continue;
            }
            TableParts table = new TableParts(segments);
            for (int i = 0; i < segments; i++) {
                tasks.add(new LoadTask(e, i, table));
            }
        }
        return tasks;
    }

    String display() {
        return segment < 0 ? entry.qualifiedTable() : entry.qualifiedTable() + " (segment " + segment + ")";
    }
}
