package io.arca.pg.export;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.internal.PgErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom-format entry (pre-data, large objects, post-data) as SQL: {@code pg_restore --file=-}, the entry on
 * stdin. Its length is known only by converting it, so {@link #length} converts once and counts; output up to
 * {@link #KEEP_LIMIT} bytes is kept from that run (schema sections are usually small) and written from memory
 * afterwards, larger output is converted again when written. With a fixed restrict key every run writes the same
 * bytes; a write that comes out at another length than counted fails rather than break the announced length.
 */
final class ConvertedSegment implements ScriptSegment {
    /** Output kept in memory from the counting run: enough for the schema of thousands of tables. */
    static final int KEEP_LIMIT = 1 << 20;

    private final PgTools tools;
    private final EntrySource source;
    private final DumpEntry entry;
    /** {@code pg_restore --list} lines to restore ({@code --use-list}); null: every item. */
    private final List<String> items;
    private final String restrictKey;
    private long length = -1;
    private byte[] kept;

    ConvertedSegment(PgTools tools, EntrySource source, DumpEntry entry, List<String> items, String restrictKey) {
        this.tools = tools;
        this.source = source;
        this.entry = entry;
        this.items = items == null ? null : List.copyOf(items);
        this.restrictKey = restrictKey;
    }

    @Override
    public synchronized long length() throws InterruptedException {
        if (length < 0) {
            KeepingCounter counter = new KeepingCounter(KEEP_LIMIT);
            try {
                length = convert(counter, 0, UNTIL_END);
            } catch (IOException e) {
                throw new IllegalStateException("counting in memory cannot fail", e);
            }
            kept = counter.kept();
        }
        return length;
    }

    @Override
    public long write(OutputStream out, long from, long to) throws IOException, InterruptedException {
        byte[] memory;
        long counted;
        synchronized (this) {
            memory = kept;
            counted = length;
        }
        if (memory != null) {
            int end = (int) Math.min(to, memory.length);
            out.write(memory, (int) from, end - (int) from);
            return end - from;
        }
        long written = convert(out, from, to);
        if (counted >= 0 && from + written != Math.min(to, counted)) {
            throw new PgEngineException(Reason.SOURCE_FAILED, "pg_restore wrote " + (from + written) + " bytes of "
                    + entry.name() + " as SQL, but " + counted + " were counted before: the script would not be "
                    + "the one announced");
        }
        return written;
    }

    /** Converts and writes bytes {@code from..to} of the SQL; stops pg_restore once {@code to} is reached. */
    private long convert(OutputStream out, long from, long to) throws IOException, InterruptedException {
        Path list = items == null ? null : list();
        try (PgRestorePipe pipe = PgRestorePipe.start(command(list), source, entry,
                "pg_restore --file=- of " + entry.name())) {
            long written;
            try (InputStream sql = pipe.stdout()) {
                Streams.skip(sql, from, "pg_restore's SQL of " + entry.name());
                written = Streams.copy(sql, out, to == UNTIL_END ? UNTIL_END : to - from, "pg_restore's output");
                if (to != UNTIL_END && written == to - from) {
                    return written; // the range ends inside this segment: pg_restore is stopped on close
                }
            }
            pipe.finish();
            return written;
        } finally {
            if (list != null) {
                Files.deleteIfExists(list);
            }
        }
    }

    private List<String> command(Path list) {
        List<String> cmd = new ArrayList<>(List.of(tools.pgRestore().toString(), "--file=-"));
        if (restrictKey != null && tools.pgRestoreTakesRestrictKey()) {
            cmd.add("--restrict-key=" + restrictKey);
        }
        if (list != null) {
            cmd.add("--use-list=" + list);
        }
        return cmd;
    }

    /** The item list for {@code --use-list}, in a temporary file readable by this user only (DDL names only). */
    private Path list() {
        try {
            Path list = Files.createTempFile("arca-export-", ".list");
            Files.write(list, items, StandardCharsets.UTF_8);
            return list;
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "writing the pg_restore item list of " + entry.name());
        }
    }

    /** Counts everything, keeps the bytes while they fit. */
    private static final class KeepingCounter extends OutputStream {
        private final int limit;
        private ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        KeepingCounter(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (buffer != null && buffer.size() + len <= limit) {
                buffer.write(b, off, len);
            } else {
                buffer = null;
            }
        }

        byte[] kept() {
            return buffer == null ? null : buffer.toByteArray();
        }
    }
}
