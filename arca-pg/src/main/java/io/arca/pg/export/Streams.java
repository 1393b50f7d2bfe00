package io.arca.pg.export;

import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.PgErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Bounded copying for script segments. A failure to read is thrown as a {@link io.arca.pg.PgEngineException}
 * (SOURCE_FAILED, or the archive's own exception as it is), so an IOException out of a script's write methods always
 * means that the output failed (a client that went away).
 */
final class Streams {
    static final int BUFFER = 64 * 1024;

    private Streams() {
    }

    /** Copies up to {@code limit} bytes (Long.MAX_VALUE: all); returns how many were copied. */
    static long copy(InputStream in, OutputStream out, long limit, String what) throws IOException {
        byte[] buf = new byte[BUFFER];
        long copied = 0;
        while (copied < limit) {
            int n = read(in, buf, (int) Math.min(buf.length, limit - copied), what);
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            copied += n;
        }
        return copied;
    }

    /** Reads and drops {@code n} bytes; fewer available is an error (the source is shorter than it said). */
    static void skip(InputStream in, long n, String what) {
        try {
            in.skipNBytes(n);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "skipping " + n + " bytes of " + what);
        }
    }

    private static int read(InputStream in, byte[] buf, int len, String what) {
        try {
            return in.read(buf, 0, len);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "reading " + what);
        }
    }
}
