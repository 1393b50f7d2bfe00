package io.arca.pg.export;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.EntryReader;
import io.arca.pg.internal.PgErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One part of a plain SQL script whose length can be known before it is written, so a script can be served in byte
 * ranges: literal text, an entry's bytes as they are (COPY rows, sequence values), or an entry converted by
 * pg_restore ({@link ConvertedSegment}).
 */
sealed interface ScriptSegment permits ScriptSegment.Literal, ScriptSegment.EntryBytes, ConvertedSegment {
    /** {@code to} for "up to the end of the segment". */
    long UNTIL_END = Long.MAX_VALUE;

    /** Length in bytes; a converted segment is rendered once to count it (then remembered). */
    long length() throws InterruptedException;

    /** Writes bytes {@code from} (inclusive) to {@code to} (exclusive, or {@link #UNTIL_END}); returns how many. */
    long write(OutputStream out, long from, long to) throws IOException, InterruptedException;

    /** Fixed text. */
    record Literal(byte[] bytes) implements ScriptSegment {
        static Literal of(String text) {
            return new Literal(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public long write(OutputStream out, long from, long to) throws IOException {
            int end = (int) Math.min(to, bytes.length);
            out.write(bytes, (int) from, end - (int) from);
            return end - from;
        }
    }

    /** An entry's bytes unchanged; its length comes from the source (an archive's manifest) or from reading it. */
    record EntryBytes(EntrySource source, DumpEntry entry) implements ScriptSegment {
        @Override
        public long length() {
            if (source.size(entry).isPresent()) {
                return source.size(entry).getAsLong();
            }
            try (InputStream in = EntryReader.open(source, entry)) {
                return Streams.copy(in, OutputStream.nullOutputStream(), UNTIL_END, entry.name());
            } catch (IOException e) {
                throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "closing " + entry.name());
            }
        }

        @Override
        public long write(OutputStream out, long from, long to) throws IOException {
            try (InputStream in = EntryReader.open(source, entry, from)) {
                return Streams.copy(in, out, to == UNTIL_END ? UNTIL_END : to - from, entry.name());
            }
        }
    }
}
