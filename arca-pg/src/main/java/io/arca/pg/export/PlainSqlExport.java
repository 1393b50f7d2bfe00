package io.arca.pg.export;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.EntrySource;
import io.arca.pg.Identifiers;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgTools;
import io.arca.pg.internal.EntryReader;
import io.arca.pg.internal.PgErrors;
import io.arca.pg.internal.ToolProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a dump as one plain SQL script that {@code psql -v ON_ERROR_STOP=1 -d <empty database> -f} restores: the
 * schema entries converted by {@code pg_restore -f -}, each table's data as a {@code COPY ... FROM stdin} block,
 * large objects, the sequence values, then post-data. The schema parts carry pg_restore's
 * <code>\restrict</code>/<code>&#92;unrestrict</code> guards, so loading needs psql 15.14/16.10/17.6 or newer (which
 * refuse meta-commands smuggled into the script).
 */
public final class PlainSqlExport {
    private static final String DATA_HEADER = """
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SELECT pg_catalog.set_config('search_path', '', false);
            """;

    private final PgTools tools;

    public PlainSqlExport() {
        this(PgTools.locate());
    }

    public PlainSqlExport(PgTools tools) {
        this.tools = tools;
    }

    /** Writes the script for all entries of {@code source} to {@code out} (which the caller closes). */
    public void write(EntrySource source, OutputStream out) {
        List<DumpEntry> entries = source.entries().stream()
                .sorted(Comparator.comparing(DumpEntry::kind)).toList();
        try {
            boolean headerWritten = false;
            for (DumpEntry entry : entries) {
                switch (entry.kind()) {
                    case PRE_DATA, LARGE_OBJECTS, POST_DATA -> convert(source, entry, out);
                    case TABLE_DATA, SEQUENCE_VALUES -> {
                        if (!headerWritten) {
                            out.write(DATA_HEADER.getBytes(StandardCharsets.UTF_8));
                            headerWritten = true;
                        }
                        writeData(source, entry, out);
                    }
                }
            }
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SINK_FAILED, "writing the plain SQL export");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgEngineException(Reason.CANCELLED, "plain SQL export interrupted", e);
        }
    }

    private static void writeData(EntrySource source, DumpEntry entry, OutputStream out) throws IOException {
        boolean table = entry.kind() == EntryKind.TABLE_DATA;
        if (table) {
            String copy = "\nCOPY " + Identifiers.qualified(entry.schema(), entry.table())
                    + Identifiers.columnList(entry.columns()) + " FROM stdin;\n";
            out.write(copy.getBytes(StandardCharsets.UTF_8));
        }
        try (InputStream in = EntryReader.open(source, entry)) {
            in.transferTo(out);
        }
        if (table) {
            out.write("\\.\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code pg_restore -f -}: custom archive on stdin, SQL on stdout (fed from a second thread). */
    private void convert(EntrySource source, DumpEntry entry, OutputStream out)
            throws IOException, InterruptedException {
        List<String> cmd = List.of(tools.pgRestore().toString(), "--file=-");
        ToolProcess p = ToolProcess.start(cmd, null, "pg_restore --file=- of " + entry.name(), false);
        Thread feeder = Thread.ofPlatform().daemon().name("arca-export-feed").start(() -> {
            try (InputStream in = EntryReader.open(source, entry); OutputStream stdin = p.stdin()) {
                in.transferTo(stdin);
            } catch (IOException | RuntimeException e) {
                p.destroy(); // the exit status below reports the failure
            }
        });
        try (InputStream sql = p.stdout()) {
            sql.transferTo(out);
            feeder.join();
            p.awaitSuccess(Reason.DUMP_FAILED);
        } finally {
            p.destroy();
        }
    }
}
