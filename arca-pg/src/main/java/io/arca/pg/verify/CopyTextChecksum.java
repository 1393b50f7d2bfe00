package io.arca.pg.verify;

import io.arca.pg.DumpEntry;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.JdbcSessions;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.postgresql.PGConnection;

/**
 * Row count and an order-independent checksum of a table's rows as COPY text: the sum (mod 2^64) of a 64-bit hash of
 * each line, so the same multiset of rows gives the same value in whatever order the rows come. Fed with the bytes of
 * a table data entry (write them to this stream) or with {@link #ofTable} over a live table; the two agree when the
 * table holds exactly the rows of the entry.
 *
 * <p>The hash is 64-bit FNV-1a of the line's bytes (without its newline) finished with MurmurHash3's fmix64 mixer, so
 * that sums of similar lines do not cancel out. It detects damage and differences, not an adversary.
 */
public final class CopyTextChecksum extends OutputStream {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long line = FNV_OFFSET;
    private boolean lineOpen;
    private long rows;
    private long sum;

    @Override
    public void write(int b) {
        if (b == '\n') {
            endLine();
        } else {
            line = (line ^ (b & 0xff)) * FNV_PRIME;
            lineOpen = true;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        long h = line;
        boolean open = lineOpen;
        for (int i = off, end = off + len; i < end; i++) {
            byte x = b[i];
            if (x == '\n') {
                line = h;
                endLine();
                h = FNV_OFFSET;
                open = false;
            } else {
                h = (h ^ (x & 0xff)) * FNV_PRIME;
                open = true;
            }
        }
        line = h;
        lineOpen = open;
    }

    private void endLine() {
        sum += fmix64(line);
        rows++;
        line = FNV_OFFSET;
        lineOpen = false;
    }

    /** Rows seen so far (a last line without a newline counts). */
    public long rows() {
        return rows + (lineOpen ? 1 : 0);
    }

    /** The checksum so far, 16 lower-case hex digits. */
    public String checksum() {
        long total = lineOpen ? sum + fmix64(line) : sum;
        return String.format("%016x", total);
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /**
     * A session for {@link #ofTable}, with the settings of the dump's copy sessions ({@code extra_float_digits},
     * {@code intervalstyle}, time zone UTC, hex bytea, row security off, no timeouts), so equal rows print as the
     * dump printed them. Date style ({@code ISO}) comes from the JDBC driver, as in the dump. Backups dumped before the
     * dump sessions fixed UTC (November 2026) by a worker in another time zone compare unequal on timestamptz
     * columns: a false restore-mismatch, never a false match.
     */
    public static Connection openSession(PgConnectionSpec spec) throws SQLException {
        Connection c = JdbcSessions.open(spec, Reason.RESTORE_FAILED);
        try {
            JdbcSessions.prepare(c, Duration.ZERO);
            return c;
        } catch (SQLException | RuntimeException e) {
            JdbcSessions.closeQuietly(c);
            throw e;
        }
    }

    /** The checksum of the table of a table data entry, over {@link DumpEntry#copyToStdout()} as the dump ran it. */
    public static CopyTextChecksum ofTable(Connection session, DumpEntry entry) throws SQLException, IOException {
        CopyTextChecksum checksum = new CopyTextChecksum();
        session.unwrap(PGConnection.class).getCopyAPI().copyOut(entry.copyToStdout(), checksum);
        return checksum;
    }
}
