package io.arca.pg.verify;

import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Takes a {@link DatabaseFingerprint} of a database, to prove a restore equals its source. User objects only:
 * system schemas and extension members are left out. Reads every row of every table, so it costs a full scan.
 */
public final class TableChecksums {
    private static final String USER_SCHEMA = """
            n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
            AND n.nspname NOT LIKE 'pg\\_temp\\_%'""";
    private static final String NOT_EXTENSION_MEMBER = """
            NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.objid = %s AND e.deptype = 'e')""";

    private TableChecksums() {
    }

    public static DatabaseFingerprint capture(PgConnectionSpec spec) throws SQLException {
        try (Connection c = DriverManager.getConnection(spec.jdbcUrl(), spec.jdbcProperties())) {
            return capture(c);
        }
    }

    /** Changes the session's search_path (to empty) and extra_float_digits. */
    public static DatabaseFingerprint capture(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_catalog.set_config('search_path', '', false)");
            s.execute("SET extra_float_digits = 3");
        }
        SortedMap<String, String> relations = new TreeMap<>();
        List<String[]> tables = rows(c, """
                SELECT n.nspname, c.relname, c.relkind FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'm', 'S') AND c.relpersistence <> 't'
                  AND (c.relkind <> 'm' OR c.relispopulated) AND %s AND %s
                """.formatted(USER_SCHEMA, NOT_EXTENSION_MEMBER.formatted("c.oid")));
        SortedMap<String, TableChecksum> checksums = new TreeMap<>();
        SortedMap<String, String> sequences = new TreeMap<>();
        for (String[] t : tables) {
            String qualified = Identifiers.qualified(t[0], t[1]);
            String key = t[0] + "." + t[1];
            if (t[2].equals("S")) {
                String[] v = rows(c, "SELECT last_value::text, is_called::text FROM " + qualified).getFirst();
                sequences.put(key, v[0] + (v[1].equals("true") ? "" : " (not called)"));
            } else {
                String[] v = rows(c, "SELECT count(*)::text, coalesce(sum(pg_catalog.hashtextextended("
                        + "ROW(arca_fingerprint_row.*)::text, 0)), 0)::text FROM " + qualified
                        + " AS arca_fingerprint_row").getFirst();
                checksums.put(key, new TableChecksum(Long.parseLong(v[0]), v[1]));
            }
        }
        return new DatabaseFingerprint(checksums, sequences,
                strings(c, relationDefs("v")), strings(c, relationDefs("m")),
                strings(c, """
                        SELECT p.oid::regprocedure::text FROM pg_catalog.pg_proc p
                        JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE %s AND %s
                        """.formatted(USER_SCHEMA, NOT_EXTENSION_MEMBER.formatted("p.oid"))),
                strings(c, """
                        SELECT n.nspname || '.' || c.relname || '.' || t.tgname || ': '
                               || pg_catalog.pg_get_triggerdef(t.oid)
                        FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
                        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                        WHERE NOT t.tgisinternal AND %s
                        """.formatted(USER_SCHEMA)),
                strings(c, """
                        SELECT n.nspname || '.' || ic.relname || ': ' || pg_catalog.pg_get_indexdef(i.indexrelid)
                        FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
                        JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace WHERE %s AND %s
                        """.formatted(USER_SCHEMA, NOT_EXTENSION_MEMBER.formatted("i.indrelid"))),
                strings(c, """
                        SELECT n.nspname || '.' || coalesce(r.relname, '') || '.' || co.conname || ': '
                               || pg_catalog.pg_get_constraintdef(co.oid)
                        FROM pg_catalog.pg_constraint co JOIN pg_catalog.pg_namespace n ON n.oid = co.connamespace
                        LEFT JOIN pg_catalog.pg_class r ON r.oid = co.conrelid WHERE %s
                        """.formatted(USER_SCHEMA)),
                largeObjects(c));
    }

    private static TableChecksum largeObjects(Connection c) throws SQLException {
        String[] v = rows(c, """
                SELECT count(*)::text, coalesce(sum(pg_catalog.hashtextextended(
                           m.oid::text || ':' || encode(pg_catalog.lo_get(m.oid), 'hex'), 0)), 0)::text
                FROM pg_catalog.pg_largeobject_metadata m""").getFirst();
        return new TableChecksum(Long.parseLong(v[0]), v[1]);
    }

    private static String relationDefs(String relkind) {
        return """
                SELECT n.nspname || '.' || c.relname || ': ' || md5(pg_catalog.pg_get_viewdef(c.oid))
                FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = '%s' AND %s AND %s
                """.formatted(relkind, USER_SCHEMA, NOT_EXTENSION_MEMBER.formatted("c.oid"));
    }

    private static SortedSet<String> strings(Connection c, String sql) throws SQLException {
        SortedSet<String> result = new TreeSet<>();
        rows(c, sql).forEach(r -> result.add(r[0]));
        return result;
    }

    private static List<String[]> rows(Connection c, String sql) throws SQLException {
        List<String[]> result = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getString(i + 1);
                }
                result.add(row);
            }
        }
        return result;
    }
}
