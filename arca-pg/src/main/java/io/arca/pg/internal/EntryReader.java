package io.arca.pg.internal;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.PgEngineException.Reason;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads entries from an {@link EntrySource} for a restore or an export, with the source's failures reported as
 * SOURCE_FAILED (the dump's counterpart is {@code dump.EntryWriter}).
 */
public final class EntryReader {
    private EntryReader() {
    }

    public static InputStream open(EntrySource source, DumpEntry entry) {
        try {
            return new SourceStream(source.open(entry), entry);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "the entry source failed to open " + entry.name());
        }
    }

    /** The entry from {@code offset} ({@link EntrySource#open(DumpEntry, long)}), failures as in {@link #open}. */
    public static InputStream open(EntrySource source, DumpEntry entry, long offset) {
        try {
            return new SourceStream(source.open(entry, offset), entry);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "the entry source failed to open " + entry.name()
                    + " at byte " + offset);
        }
    }

    /** Segment {@code segment} of the entry ({@link EntrySource#openSegment}), failures as in {@link #open}. */
    public static InputStream openSegment(EntrySource source, DumpEntry entry, int segment) {
        try {
            return new SourceStream(source.openSegment(entry, segment), entry);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "the entry source failed to open segment " + segment
                    + " of " + entry.name());
        }
    }

    private static int read(InputStream in, byte[] buf, DumpEntry entry) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "the entry source failed reading " + entry.name());
        }
    }

    /**
     * Copies the entry's bytes to {@code out}: a failure to read is the source's ({@link #read}), a failure to write
     * is thrown as it is, for the caller to say whose it is.
     */
    public static void copy(InputStream in, OutputStream out, DumpEntry entry) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = read(in, buf, entry)) >= 0) {
            out.write(buf, 0, n);
        }
    }

    /** Marks read failures as the source's, so COPY FROM failures are not mistaken for the database's. */
    public static final class SourceFailure extends IOException {
        SourceFailure(String message, IOException cause) {
            super(message, cause);
        }
    }

    private static final class SourceStream extends FilterInputStream {
        private final DumpEntry entry;

        SourceStream(InputStream in, DumpEntry entry) {
            super(in);
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw wrap(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw wrap(e);
            }
        }

        private IOException wrap(IOException e) {
            return e instanceof SourceFailure ? e
                    : new SourceFailure("the entry source failed reading " + entry.name() + ": " + e.getMessage(), e);
        }
    }
}
