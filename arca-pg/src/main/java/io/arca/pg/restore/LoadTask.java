package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One COPY FROM of a restore: a whole TABLE_DATA entry ({@code segment} -1), or one segment of a split table's
 * entry. The segments of one entry share a {@link Table}, which knows when the last of them is in.
 */
record LoadTask(DumpEntry entry, int segment, Table table) {

    /** The tasks for {@code entries}, in their order; a split entry's segments one after the other. */
    static List<LoadTask> of(List<DumpEntry> entries, EntrySource source) {
        List<LoadTask> tasks = new ArrayList<>();
        for (DumpEntry e : entries) {
            int segments = source.segmentSizes(e).size();
            if (segments < 2) {
                tasks.add(new LoadTask(e, -1, new Table(1)));
                continue;
            }
            Table table = new Table(segments);
            for (int i = 0; i < segments; i++) {
                tasks.add(new LoadTask(e, i, table));
            }
        }
        return tasks;
    }

    String display() {
        return segment < 0 ? entry.qualifiedTable() : entry.qualifiedTable() + " (segment " + segment + ")";
    }

    /** A table being loaded: segments still to load, rows so far, when its first load started. */
    static final class Table {
        private final AtomicInteger left;
        private final AtomicLong rows = new AtomicLong();
        private volatile Instant start;

        Table(int segments) {
            this.left = new AtomicInteger(segments);
        }

        synchronized void started() {
            if (start == null) {
                start = Instant.now();
            }
        }

        /** Adds a load's rows; true when it was the table's last. */
        boolean loaded(long count) {
            rows.addAndGet(count);
            return left.decrementAndGet() == 0;
        }

        long rows() {
            return rows.get();
        }

        Duration sinceStart() {
            return Duration.between(start, Instant.now());
        }
    }
}
