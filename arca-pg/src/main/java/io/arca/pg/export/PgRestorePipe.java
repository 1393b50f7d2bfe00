package io.arca.pg.export;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.EntryReader;
import io.arca.pg.internal.PgErrors;
import io.arca.pg.internal.ToolProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * One pg_restore run that reads a custom-format entry on stdin, fed from a second thread straight from the source,
 * and writes to stdout (SQL, or its table of contents). A failure to read the entry is the real cause when pg_restore
 * then fails, so {@link #finish} throws that one (an archive's exception as it is: a missing or corrupt chunk).
 */
final class PgRestorePipe implements AutoCloseable {
    private final ToolProcess process;
    private final Thread feeder;
    private volatile RuntimeException sourceFailure;

    private PgRestorePipe(List<String> command, EntrySource source, DumpEntry entry, String description) {
        this.process = ToolProcess.start(command, null, description, false);
        this.feeder = Thread.ofPlatform().daemon().name("arca-export-feed").unstarted(() -> feed(source, entry));
        feeder.start();
    }

    static PgRestorePipe start(List<String> command, EntrySource source, DumpEntry entry, String description) {
        return new PgRestorePipe(command, source, entry, description);
    }

    InputStream stdout() {
        return process.stdout();
    }

    /**
     * After stdout is read to its end: the source's failure if feeding failed, else pg_restore's if it exited with an
     * error.
     */
    void finish() throws InterruptedException {
        feeder.join();
        if (sourceFailure != null) {
            throw sourceFailure;
        }
        process.awaitSuccess(Reason.SOURCE_FAILED);
    }

    /** Stops pg_restore (the feeder then stops at its next write and closes the entry). */
    @Override
    public void close() {
        process.destroy();
    }

    private void feed(EntrySource source, DumpEntry entry) {
        byte[] buf = new byte[Streams.BUFFER];
        try (InputStream in = EntryReader.open(source, entry); OutputStream stdin = process.stdin()) {
            int n;
            while ((n = read(in, buf, entry)) >= 0) {
                try {
                    stdin.write(buf, 0, n);
                } catch (IOException e) {
                    return; // pg_restore stopped reading: done early, or failed (its exit status says why)
                }
            }
        } catch (IOException e) {
            // closing pg_restore's stdin after it went away: its exit status says what happened
        } catch (RuntimeException e) {
            sourceFailure = e;
            process.destroy();
        }
    }

    private static int read(InputStream in, byte[] buf, DumpEntry entry) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "reading " + entry.name() + " for pg_restore");
        }
    }
}
