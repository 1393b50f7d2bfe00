package io.arca.pg.export;

import io.arca.pg.EntrySource;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgTools;
import io.arca.pg.internal.PgErrors;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a dump as one plain SQL script that {@code psql -v ON_ERROR_STOP=1 -d <empty database> -f} restores: the
 * schema entries converted by {@code pg_restore -f -}, each table's data as a {@code COPY ... FROM stdin} block,
 * large objects, the sequence values, then post-data. The schema parts carry pg_restore's
 * <code>\restrict</code>/<code>&#92;unrestrict</code> guards, so loading needs psql 15.14/16.10/17.6 or newer (which
 * refuse meta-commands smuggled into the script).
 *
 * <p>{@link #script} plans the same script with options (selected tables, schema only, a fixed restrict key) as a
 * {@link PlainSqlScript}, whose length is known before it is written and which writes byte ranges.
 */
public final class PlainSqlExport {
    private final PgTools tools;

    public PlainSqlExport() {
        this(PgTools.locate());
    }

    public PlainSqlExport(PgTools tools) {
        this.tools = tools;
    }

    /** The script of {@code source} with {@code options}, planned (cheap: nothing is converted yet). */
    public PlainSqlScript script(EntrySource source, ScriptOptions options) {
        return PlainSqlScript.plan(tools, source, options);
    }

    /** Writes the script for all entries of {@code source} to {@code out} (which the caller closes). */
    public void write(EntrySource source, OutputStream out) {
        try {
            script(source, ScriptOptions.whole()).writeTo(out);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SINK_FAILED, "writing the plain SQL export");
        }
    }
}
