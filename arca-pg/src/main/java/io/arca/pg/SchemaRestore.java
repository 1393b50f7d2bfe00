package io.arca.pg;

import io.arca.pg.PgEngineException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a PRE_DATA, LARGE_OBJECTS or POST_DATA entry with {@code pg_restore} straight into the target database,
 * in one transaction (a failure leaves nothing of that section behind) and stopping at the first error.
 */
final class SchemaRestore {
    private SchemaRestore() {
    }

    static void run(PgTools tools, PgConnectionSpec target, DumpEntry entry, EntrySource source,
                    RestoreOptions options) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tools.pgRestore().toString(), "--exit-on-error",
                "--single-transaction", "--no-password", "--dbname=" + conninfoDbname(target.database())));
        if (options.skipOwnership()) {
            cmd.addAll(List.of("--no-owner", "--no-privileges"));
        }
        if (options.dropExisting() && entry.kind() == EntryKind.PRE_DATA) {
            // drops every object of the dump that exists (tables with their indexes, constraints and triggers),
            // in dependency order, inside the same transaction as the re-creation
            cmd.addAll(List.of("--clean", "--if-exists"));
        }
        ToolProcess p = ToolProcess.start(cmd, target, "pg_restore of " + entry.name(), true);
        try (InputStream in = Streams.openSource(source, entry)) {
            pipe(in, p.stdin(), entry, p);
            p.awaitSuccess(Reason.RESTORE_FAILED);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "closing entry " + entry.name());
        } finally {
            p.destroy();
        }
    }

    private static void pipe(InputStream in, OutputStream stdin, DumpEntry entry, ToolProcess p)
            throws InterruptedException {
        byte[] buf = new byte[64 * 1024];
        try (stdin) {
            int n;
            while ((n = Streams.read(in, buf, entry)) >= 0) {
                stdin.write(buf, 0, n);
            }
        } catch (IOException e) {
            // pg_restore stopped reading: it failed, and its stderr says why
            p.awaitSuccess(Reason.RESTORE_FAILED);
            throw new PgEngineException(Reason.RESTORE_FAILED, "pg_restore of " + entry.name()
                    + " stopped reading its input: " + e.getMessage(), e);
        }
    }

    /**
     * The database as a libpq conninfo ({@code dbname='...'}), so a name containing {@code =} or starting with
     * {@code postgresql://} is never taken for a connection string; host, port, user and password come from the
     * environment.
     */
    static String conninfoDbname(String database) {
        return "dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
