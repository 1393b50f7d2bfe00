package io.arca.pg.restore;

import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of the relations a restore creates ({@link RestorePlan#relationsToCreate()}, {@code schema.name}) the target
 * has already, by kind as pg_restore names them: what {@code dropExisting} drops, or what conflicts without it.
 *
 * @param kinds  {@code schema.name} to its kind ({@code TABLE}, {@code SEQUENCE}, {@code VIEW}, ...)
 */
record ExistingRelations(Map<String, String> kinds) {
    static final ExistingRelations NONE = new ExistingRelations(Map.of());

    static ExistingRelations of(PgConnectionSpec target, List<String> relations) {
        String sql = """
                SELECT n.nspname || '.' || c.relname, CASE c.relkind WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'TABLE'
                    WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                    WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'i' THEN 'INDEX' WHEN 'I' THEN 'INDEX' ELSE 'TYPE' END
                FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname || '.' || c.relname = ANY (?::text[])
                ORDER BY 1
                """;
        Map<String, String> kinds = new HashMap<>();
        try (Connection c = JdbcSessions.open(target, Reason.RESTORE_FAILED);
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", relations.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    kinds.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "reading the relations of " + target.describe());
        }
        return new ExistingRelations(Map.copyOf(kinds));
    }

    /** How many exist per kind (a mutable map the caller may add to). */
    Map<String, Integer> byKind() {
        Map<String, Integer> counts = new HashMap<>();
        kinds.values().forEach(k -> counts.merge(k, 1, Integer::sum));
        return counts;
    }

    /** The existing relations that are not tables (those are reported with their rows), sorted. */
    List<String> others() {
        List<String> names = new ArrayList<>(kinds.entrySet().stream().filter(e -> !e.getValue().equals("TABLE"))
                .map(Map.Entry::getKey).toList());
        names.sort(null);
        return names;
    }
}
