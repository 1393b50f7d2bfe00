package io.arca.pg.restore;

import io.arca.pg.Identifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The foreign keys of a target database that touch a set of tables (held by one of them or referencing one), dropped
 * for the length of a restore's transaction and added back (validated against the restored rows) before it commits.
 * Only top-level constraints are handled: a partitioned table's foreign key carries its partitions' copies with it.
 */
final class TargetForeignKeys {
    /** A foreign key as the target has it: {@code definition} is {@code pg_get_constraintdef}. */
    record ForeignKey(String schema, String table, String name, String definition, boolean heldBySelected) {
        String qualifiedTable() {
            return Identifiers.qualified(schema, table);
        }
    }

    private TargetForeignKeys() {
    }

    /** @param tables {@code schema.name} of the tables, unquoted (split at the first dot known to be the schema's) */
    static List<ForeignKey> touching(Connection c, Collection<String[]> tables) throws SQLException {
        String sql = """
                WITH selected (schema_name, table_name) AS (SELECT * FROM unnest(?::text[], ?::text[]))
                SELECT n.nspname, t.relname, k.conname, pg_catalog.pg_get_constraintdef(k.oid),
                       EXISTS (SELECT 1 FROM selected s WHERE s.schema_name = n.nspname AND s.table_name = t.relname)
                FROM pg_catalog.pg_constraint k
                JOIN pg_catalog.pg_class t ON t.oid = k.conrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
                JOIN pg_catalog.pg_class r ON r.oid = k.confrelid
                JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
                WHERE k.contype = 'f' AND k.conparentid = 0
                  AND (EXISTS (SELECT 1 FROM selected s WHERE s.schema_name = n.nspname AND s.table_name = t.relname)
                    OR EXISTS (SELECT 1 FROM selected s WHERE s.schema_name = rn.nspname AND s.table_name = r.relname))
                ORDER BY 1, 2, 3
                """;
        List<ForeignKey> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array schemas = c.createArrayOf("text", tables.stream().map(t -> t[0]).toArray());
            Array names = c.createArrayOf("text", tables.stream().map(t -> t[1]).toArray());
            ps.setArray(1, schemas);
            ps.setArray(2, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new ForeignKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5)));
                }
            }
        }
        return result;
    }

    static void drop(Connection c, List<ForeignKey> keys) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (ForeignKey k : keys) {
                s.execute("ALTER TABLE " + k.qualifiedTable() + " DROP CONSTRAINT " + Identifiers.quote(k.name()));
            }
        }
    }

    /** Adds the keys back; each is validated against the rows now in both tables. */
    static void add(Connection c, List<ForeignKey> keys) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (ForeignKey k : keys) {
                s.execute("ALTER TABLE " + k.qualifiedTable() + " ADD CONSTRAINT " + Identifiers.quote(k.name())
                        + " " + k.definition());
            }
        }
    }
}
