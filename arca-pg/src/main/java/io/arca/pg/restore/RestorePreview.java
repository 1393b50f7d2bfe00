package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A dry run of a restore: what would be applied, and what of it the target already holds. Row and byte totals
 * are in the manifest; this adds what only the target can tell.
 *
 * @param databaseExists        false when the target database does not exist yet (a restore would need it created)
 * @param entries               the entries a restore would apply, in order
 * @param existingTables        tables of the dump's data entries that already exist in the target: a full restore
 *                              would fail on them unless dropExisting; a data-only restore would add rows to them
 * @param userRelationsInTarget tables, views, sequences ... of any name the target holds (0: an empty database)
 */
public record RestorePreview(boolean databaseExists, List<DumpEntry> entries, List<ExistingTable> existingTables,
                             long userRelationsInTarget) {

    /** A table present in the target, with the planner's row estimate (-1 when never analyzed). */
    public record ExistingTable(String schema, String table, long estimatedRows) {
    }

    public RestorePreview {
        entries = List.copyOf(entries);
        existingTables = List.copyOf(existingTables);
    }

    static RestorePreview of(PgConnectionSpec target, List<DumpEntry> entries) {
        Connection c;
        try {
            c = JdbcSessions.open(target, Reason.RESTORE_FAILED);
        } catch (PgEngineException e) {
            if (e.reason() == Reason.DATABASE_MISSING) {
                return new RestorePreview(false, entries, List.of(), 0);
            }
            throw e;
        }
        try (c) {
            List<DumpEntry> tables = entries.stream().filter(e -> e.kind() == EntryKind.TABLE_DATA).toList();
            return new RestorePreview(true, entries, existing(c, tables), userRelations(c));
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "previewing a restore into " + target.describe());
        }
    }

    private static List<ExistingTable> existing(Connection c, List<DumpEntry> tables) throws SQLException {
        String sql = """
                SELECT n.nspname, c.relname, c.reltuples::bigint
                FROM unnest(?::text[], ?::text[]) AS wanted (schema_name, table_name)
                JOIN pg_catalog.pg_namespace n ON n.nspname = wanted.schema_name
                JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = wanted.table_name
                ORDER BY 1, 2
                """;
        List<ExistingTable> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array schemas = c.createArrayOf("text", tables.stream().map(DumpEntry::schema).toArray());
            Array names = c.createArrayOf("text", tables.stream().map(DumpEntry::table).toArray());
            ps.setArray(1, schemas);
            ps.setArray(2, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new ExistingTable(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return result;
    }

    private static long userRelations(Connection c) throws SQLException {
        String sql = """
                SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
                """;
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
