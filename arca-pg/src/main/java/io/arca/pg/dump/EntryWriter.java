package io.arca.pg.dump;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.EntrySink;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import io.arca.pg.internal.TableParts;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opens, closes and completes entries on the sink, translating its failures and recording counts and timings. */
final class EntryWriter {
    private final EntrySink sink;
    final Map<String, Long> rowCounts = new ConcurrentHashMap<>();
    final Map<String, Duration> durations = new ConcurrentHashMap<>();
    private final Map<String, TableParts> splits = new ConcurrentHashMap<>();

    EntryWriter(EntrySink sink) {
        this.sink = sink;
    }

    /** Writes one entry with {@code body}; the stream is closed afterwards whether or not the body succeeded. */
    void write(DumpEntry entry, EntryBody body) throws Exception {
        Instant start = Instant.now();
        OutputStream out;
        try {
            out = sink.openEntry(entry);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SINK_FAILED, "the entry sink failed to open " + entry.name());
        }
        complete(entry, writeAndClose(entry, out, body), start);
    }

    /**
     * Writes segment {@code segment} of {@code segments} of a split table's entry with {@code body}; after the last
     * of them is written, completes the entry on the sink with the segments' total row count.
     */
    void writeSegment(DumpEntry entry, int segment, int segments, EntryBody body) throws Exception {
        TableParts split = splits.computeIfAbsent(entry.name(), n -> new TableParts(segments));
        split.started();
        OutputStream out;
        try {
            out = sink.openSegment(entry, segment, segments);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SINK_FAILED, "the entry sink failed to open segment " + segment + " of "
                    + entry.name());
        }
        if (split.done(writeAndClose(entry, out, body))) {
            complete(entry, split.rows(), split.start());
        }
    }

    /** Runs {@code body} into {@code out}, then closes it (also when the body failed); returns the row count. */
    private static long writeAndClose(DumpEntry entry, OutputStream out, EntryBody body) throws Exception {
        long rows;
        try {
            rows = body.writeTo(new SinkStream(out, entry));
        } catch (SinkFailure e) {
            JdbcSessions.closeQuietly(out); // the first failure is the one to report
            throw PgErrors.fromIo(e, Reason.SINK_FAILED, "dumping " + entry.name());
        } catch (Exception | Error e) {
            JdbcSessions.closeQuietly(out);
            throw e;
        }
        closeSink(out, entry);
        return rows;
    }

    /** Tells the sink the entry is complete and records its row count and wall time since {@code start}. */
    private void complete(DumpEntry entry, long rows, Instant start) {
        try {
            sink.entryCompleted(entry, rows);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SINK_FAILED, "the entry sink failed to complete " + entry.name());
        }
        if (entry.kind() == EntryKind.TABLE_DATA) {
            rowCounts.put(entry.name(), rows);
        }
        durations.put(entry.name(), Duration.between(start, Instant.now()));
    }

    private static void closeSink(OutputStream out, DumpEntry entry) {
        try {
            out.close();
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SINK_FAILED, "the entry sink failed to close " + entry.name());
        }
    }

    /** Writes an entry's bytes, returns its row count. */
    interface EntryBody {
        long writeTo(OutputStream out) throws Exception;
    }

    /** Marks write failures as the sink's, so they are not mistaken for the database's. */
    static final class SinkFailure extends IOException {
        SinkFailure(String message, IOException cause) {
            super(message, cause);
        }
    }

    private static final class SinkStream extends OutputStream {
        private final OutputStream out;
        private final DumpEntry entry;

        SinkStream(OutputStream out, DumpEntry entry) {
            this.out = out;
            this.entry = entry;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw wrap(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw wrap(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw wrap(e);
            }
        }

        @Override
        public void close() {
            // the engine closes the real stream once, in EntryWriter.write
        }

        private IOException wrap(IOException e) {
            return e instanceof SinkFailure ? e : new SinkFailure("the entry sink failed writing " + entry.name()
                    + ": " + e.getMessage(), e);
        }
    }
}
