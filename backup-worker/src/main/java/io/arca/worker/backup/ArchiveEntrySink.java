package io.arca.worker.backup;

import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntryOutputStream;
import io.arca.archive.write.EntryResult;
import io.arca.archive.write.EntrySpec;
import io.arca.archive.write.SegmentedEntry;
import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.EntrySink;
import io.arca.worker.job.JobContext;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds the dump's entries into the archive writer. The engine closes an entry's stream and then reports its row
 * count; so closing the stream here does nothing and {@link #entryCompleted} records the count and finishes the
 * archive entry. A dump that fails leaves entries unfinished, and the writer (closed without finish) abandons the
 * backup. Writes fail as soon as the job's lease is lost, which stops every dump session.
 */
final class ArchiveEntrySink implements EntrySink {
    private static final int WRITE_BUFFER = 64 * 1024;

    private final ArchiveWriter writer;
    private final JobContext context;
    private final BackupProgress progress;
    private final Map<String, EntryOutputStream> open = new ConcurrentHashMap<>();
    private final Map<String, SegmentedEntry> segmented = new ConcurrentHashMap<>();
    private final Map<String, TableStat> tableStats = new ConcurrentHashMap<>();
    private final AtomicInteger tablesStarted = new AtomicInteger();

    record TableStat(String schema, String table, long rows, long bytes, long storedBytes) {
    }

    ArchiveEntrySink(ArchiveWriter writer, JobContext context, BackupProgress progress) {
        this.writer = writer;
        this.context = context;
        this.progress = progress;
    }

    @Override
    public OutputStream openEntry(DumpEntry entry) throws IOException {
        checkLease();
        EntryOutputStream out = writer.openEntry(spec(entry));
        open.put(entry.name(), out);
        if (entry.kind() == EntryKind.TABLE_DATA) {
            progress.tableStarted(tablesStarted.incrementAndGet());
        }
        // COPY hands over one row per write: gather rows into 64 KiB writes, so the per-write work (lease check,
        // chunker call, progress counters) happens per buffer, not per row. close() flushes; the engine closes
        // the stream before it calls entryCompleted.
        return new BufferedOutputStream(new LeaseCheckedStream(out) {
            @Override
            public void close() {
                // finished in entryCompleted, once the row count is known
            }
        }, WRITE_BUFFER);
    }

    /** Large tables come as block ranges dumped in parallel: one segment of the table's entry each. */
    @Override
    public boolean takesSegments() {
        return true;
    }

    /**
     * A segment's stream; closing it finishes the segment (its chunks stored), and {@link #entryCompleted} after the
     * last one records the entry.
     */
    @Override
    public OutputStream openSegment(DumpEntry entry, int segment, int segments) throws IOException {
        checkLease();
        SegmentedEntry split = segmented.computeIfAbsent(entry.name(), n -> {
            progress.tableStarted(tablesStarted.incrementAndGet());
            return writer.openSegmentedEntry(spec(entry), segments);
        });
        EntryOutputStream out = split.segment(segment);
        return new BufferedOutputStream(new LeaseCheckedStream(out) {
            @Override
            public void close() {
                out.finish();
            }
        }, WRITE_BUFFER);
    }

    @Override
    public void entryCompleted(DumpEntry entry, long rowCount) throws IOException {
        checkLease();
        SegmentedEntry split = segmented.remove(entry.name());
        if (split != null) {
            split.setRowCount(rowCount);
            tableCompleted(entry, rowCount, split.finish());
            return;
        }
        EntryOutputStream out = open.remove(entry.name());
        if (out == null) {
            throw new IOException("entry " + entry.name() + " was not opened");
        }
        if (entry.kind() == EntryKind.TABLE_DATA) {
            out.setRowCount(rowCount);
        }
        var result = out.finish();
        if (entry.kind() == EntryKind.TABLE_DATA) {
            tableCompleted(entry, rowCount, result);
        }
    }

    /** The archive entry of a dump entry: same name, kind label and table; the row count comes at the end. */
    private static EntrySpec spec(DumpEntry entry) {
        return new EntrySpec(entry.name(), entry.kind().label(), entry.schema(), entry.table(), null);
    }

    private void tableCompleted(DumpEntry entry, long rowCount, EntryResult result) {
        tableStats.put(entry.name(), new TableStat(entry.schema(), entry.table(), rowCount,
                result.entry().size(), result.entry().storedSize()));
        progress.tableDone();
    }

    Map<String, TableStat> tableStats() {
        return tableStats;
    }

    /** Writes through to an archive stream while the job holds its lease. */
    private abstract class LeaseCheckedStream extends OutputStream {
        private final OutputStream out;

        LeaseCheckedStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            checkLease();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            checkLease();
            out.write(b, off, len);
        }

        @Override
        public abstract void close();
    }

    private void checkLease() throws IOException {
        if (context.isCancelled()) {
            throw new IOException("backup stopped: " + context.cancelReason());
        }
    }
}
