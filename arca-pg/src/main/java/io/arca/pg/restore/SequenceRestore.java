package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Applies a SEQUENCE_VALUES entry (read and checked by {@link SequenceValueLines}): its setval lines, or those of
 * the given sequences, in one transaction.
 */
final class SequenceRestore {
    private SequenceRestore() {
    }

    /** @param sequences {@code schema.name} of the sequences to set; null: all of the entry */
    static void run(PgConnectionSpec target, DumpEntry entry, EntrySource source, Set<String> sequences) {
        var statements = SequenceValueLines.statements(SequenceValueLines.read(source, entry), sequences);
        try (Connection c = JdbcSessions.open(target, Reason.RESTORE_FAILED); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "restoring sequence values");
        }
    }
}
