package io.arca.pg.restore;

import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The relations a plan creates (tables, sequences, views, materialized views, foreign tables, and indexes, whose
 * names share the same namespace) that an existing target already has: without {@code dropExisting} a restore
 * refuses to start over them, naming every one.
 */
final class TargetConflicts {
    private TargetConflicts() {
    }

    /** {@code schema.name (kind)} of each conflicting relation, sorted. */
    static List<String> find(Connection c, RestorePlan plan) throws SQLException {
        List<String[]> wanted = new ArrayList<>();
        plan.relationsCreated().forEach(r -> wanted.add(new String[] {r.schema(), r.name()}));
        wanted.addAll(plan.indexesToCreate());
        List<String> conflicts = new ArrayList<>();
        if (wanted.isEmpty()) {
            return conflicts;
        }
        String sql = """
                SELECT n.nspname || '.' || c.relname || ' (' || CASE c.relkind WHEN 'r' THEN 'table'
                       WHEN 'p' THEN 'partitioned table' WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view'
                       WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' WHEN 'i' THEN 'index'
                       WHEN 'I' THEN 'partitioned index' ELSE c.relkind::text END || ')'
                FROM unnest(?::text[], ?::text[]) AS w (schema_name, rel_name)
                JOIN pg_catalog.pg_namespace n ON n.nspname = w.schema_name
                JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = w.rel_name
                ORDER BY 1
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array schemas = c.createArrayOf("text", wanted.stream().map(w -> w[0]).toArray());
            Array names = c.createArrayOf("text", wanted.stream().map(w -> w[1]).toArray());
            ps.setArray(1, schemas);
            ps.setArray(2, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    conflicts.add(rs.getString(1));
                }
            }
        }
        return conflicts;
    }

    static void refuseAny(Connection c, RestorePlan plan, PgConnectionSpec target) throws SQLException {
        List<String> conflicts = find(c, plan);
        if (!conflicts.isEmpty()) {
            throw new PgEngineException(Reason.TARGET_CONFLICT, target.describe() + " already has "
                    + conflicts.size() + " of the objects this restore creates: " + String.join(", ", conflicts)
                    + "; nothing was written (drop them, restore with dropExisting, or restore into another "
                    + "database)");
        }
    }
}
