package io.arca.pg.dump;

import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgTools;
import io.arca.pg.internal.TaskGroup;
import io.arca.pg.internal.ToolProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code pg_dump --section=...} against the exported snapshot and streams its output into an entry.
 *
 * <p>The format is pg_dump's custom archive, uncompressed (the archive layer chunks, deduplicates and compresses;
 * compressing here would defeat content-defined chunking). Custom rather than plain SQL because pg_restore can then
 * restore it straight into a database — no psql meta-commands ever run, so a hostile source cannot smuggle
 * {@code \!} commands into the restore — and can later select objects from its table of contents (selected
 * tables), drop existing objects first, skip ownership, or print plain SQL for an export.
 */
final class PgDumpSection {
    private PgDumpSection() {
    }

    /** The pre-data or post-data section, without the excluded relations. */
    static List<String> command(PgTools tools, String section, String snapshotId, Duration lockWait,
                                List<Relation> excluded) {
        List<String> cmd = new ArrayList<>(List.of(tools.pgDump().toString(), "--section=" + section,
                "--snapshot=" + snapshotId, "--format=custom", "--compress=0", "--encoding=UTF8", "--no-password"));
        if (!lockWait.isZero()) {
            cmd.add("--lock-wait-timeout=" + lockWait.toMillis());
        }
        for (Relation r : excluded) {
            cmd.add("--exclude-table=" + exactPattern(r));
        }
        return cmd;
    }

    /**
     * The data section reduced to large objects: table data (and sequence values) come from our own sessions, so
     * every table's data is excluded. pg_dump writes each object's contents with lo_open/lowrite.
     */
    static List<String> largeObjectsCommand(PgTools tools, String snapshotId, Duration lockWait) {
        List<String> cmd = new ArrayList<>(command(tools, "data", snapshotId, lockWait, List.of()));
        cmd.add("--exclude-table-data=*.*"); // "*" alone would only match schemas on the search_path
        return cmd;
    }

    /**
     * A psql-style pattern that matches exactly this relation: inside double quotes every character is literal
     * ({@code *}, {@code ?}, {@code .}, upper case), and a quote is written twice.
     */
    static String exactPattern(Relation r) {
        return Identifiers.qualified(r.schema(), r.name());
    }

    /** Streams pg_dump's stdout to {@code out}; returns 0 (SQL entries have no row count). */
    static long run(List<String> command, PgConnectionSpec source, String entryName, OutputStream out,
                    TaskGroup group) throws IOException, InterruptedException {
        ToolProcess p = ToolProcess.start(command, source, "pg_dump for " + entryName, false);
        try (TaskGroup.Registration ignored = group.onCancel(p::destroy); InputStream in = p.stdout()) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = readFrom(in, buf, p, entryName)) >= 0) {
                out.write(buf, 0, n);
            }
            p.awaitSuccess(Reason.DUMP_FAILED);
            return 0;
        } finally {
            p.destroy();
        }
    }

    private static int readFrom(InputStream in, byte[] buf, ToolProcess p, String entryName) {
        try {
            return in.read(buf);
        } catch (IOException e) {
            throw new PgEngineException(Reason.DUMP_FAILED, "reading the output of pg_dump for " + entryName
                    + " failed: " + e.getMessage() + "; " + p.stderrText().strip(), e);
        }
    }
}
