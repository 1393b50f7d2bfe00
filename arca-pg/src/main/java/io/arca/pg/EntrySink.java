package io.arca.pg;

import io.arca.pg.dump.PgDumper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Receives the entries of a dump (the archive writer implements it).
 *
 * <p><b>Concurrency:</b> {@link #openEntry} and {@link #entryCompleted} are called from several threads at once
 * (one per copy session, plus the schema dumps); implementations must be thread-safe. Each returned stream is
 * written by one thread only.
 *
 * <p><b>Life cycle of an entry:</b> {@code openEntry} → writes → the engine closes the stream → {@code
 * entryCompleted} with the row count. The caller never closes the stream. If a dump fails, streams that were opened
 * are closed without a following {@code entryCompleted}: those entries are incomplete, and {@link PgDumper#dump}
 * throws — the sink must then discard the whole dump.
 *
 * <p><b>Segments:</b> a sink that {@link #takesSegments() takes segments} may get a large table's data as several
 * segments written at once: {@link #openSegment} for each index (once each, from different threads, in any order),
 * each stream closed by the engine, then one {@code entryCompleted} with the entry's total row count after the last
 * segment is closed. The entry's bytes are its segments' bytes in index order.
 */
public interface EntrySink {

    /**
     * Called once, before any entry is opened, with every entry the dump will write, in restore order (for
     * progress reporting). Entries are then opened in any order.
     */
    default void planned(List<DumpEntry> entries) throws IOException {
    }

    /** A stream for the entry's bytes; an IOException fails the dump with reason SINK_FAILED. */
    OutputStream openEntry(DumpEntry entry) throws IOException;

    /** True when the sink can take a table data entry as segments written in parallel; the dump then splits. */
    default boolean takesSegments() {
        return false;
    }

    /**
     * A stream for segment {@code segment} (0-based) of {@code segments} of a table data entry; an IOException fails
     * the dump with reason SINK_FAILED.
     */
    default OutputStream openSegment(DumpEntry entry, int segment, int segments) throws IOException {
        throw new IOException("this sink does not take segments");
    }

    /** The entry is complete and its stream closed; {@code rowCount} is COPY's count (0 for SQL entries). */
    void entryCompleted(DumpEntry entry, long rowCount) throws IOException;
}
