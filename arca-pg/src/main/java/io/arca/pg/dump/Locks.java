package io.arca.pg.dump;

import io.arca.pg.internal.JdbcSessions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/** ACCESS SHARE locks on the dumped tables, as pg_dump takes them: concurrent DDL that would conflict waits. */
final class Locks {
    /** Names per LOCK statement: keeps statements short for databases with many thousand tables. */
    private static final int BATCH = 500;

    private Locks() {
    }

    static void accessShare(Connection c, List<Relation> relations) throws SQLException {
        for (int i = 0; i < relations.size(); i += BATCH) {
            String names = relations.subList(i, Math.min(relations.size(), i + BATCH)).stream()
                    .map(r -> "ONLY " + r.qualified()).collect(Collectors.joining(", "));
            JdbcSessions.execute(c, "LOCK TABLE " + names + " IN ACCESS SHARE MODE");
        }
    }
}
