package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.EntryReader;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Applies a SEQUENCE_VALUES entry (written by {@code dump.SequenceValues}): its setval lines in one transaction.
 * Any other statement is refused, so a damaged or foreign archive cannot run SQL of its choosing.
 */
final class SequenceRestore {
    private static final Pattern SETVAL_LINE = Pattern.compile(
            "SELECT pg_catalog\\.setval\\('(?:[^']|'')*', -?\\d+, (?:true|false)\\);"
                    + "|SELECT pg_catalog\\.set_config\\('search_path', '', false\\);");

    private SequenceRestore() {
    }

    static void run(PgConnectionSpec target, DumpEntry entry, EntrySource source) {
        String sql;
        try (InputStream in = EntryReader.open(source, entry)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "reading " + entry.name());
        }
        try (Connection c = JdbcSessions.open(target, Reason.RESTORE_FAILED); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String line : sql.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (!SETVAL_LINE.matcher(line).matches()) {
                    // the entry is ours (SequenceValues); anything else means a damaged or foreign archive
                    throw new PgEngineException(Reason.RESTORE_FAILED, entry.name()
                            + " holds an unexpected statement; refusing to run it");
                }
                s.execute(line);
            }
            c.commit();
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "restoring sequence values");
        }
    }
}
