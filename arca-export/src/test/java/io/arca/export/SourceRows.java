package io.arca.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.DumpEntry;
import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A table's rows as the source database writes them as text (each type's output function, which COPY uses too), for
 * comparing an export's values with the source whatever order the export wrote rows in. The query runs in simple
 * query mode so every value arrives as the server's text (not cast: a cast to text differs from the output for
 * boolean, char(n) and inet); session settings are the dump's where they matter (pgjdbc sets extra_float_digits 3 and
 * DateStyle ISO; the TimeZone is this JVM's, as in the dump's sessions). Values over 64 KiB are compared by SHA-256,
 * so the 8 MiB bytea of the sample database does not fill the test's heap with copies.
 */
final class SourceRows {
    private static final int COMPACT_ABOVE = 64 * 1024;

    private SourceRows() {
    }

    /** Rows of the entry's columns (null for NULL). */
    static List<List<String>> of(PgConnectionSpec source, DumpEntry table) throws SQLException {
        String columns = table.columns().stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        Properties props = source.jdbcProperties();
        props.setProperty("preferQueryMode", "simple");
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(source.jdbcUrl(), props); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + (columns.isEmpty() ? "1" : columns) + " FROM "
                     + Identifiers.qualified(table.schema(), table.table()))) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= table.columns().size(); i++) {
                    row.add(compact(rs.getString(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A value as compared: itself, or its SHA-256 when long. */
    static String compact(String value) {
        if (value == null || value.length() <= COMPACT_ABOVE) {
            return value;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same rows in any order; a difference is reported as the first differing row, not the whole table. */
    static void assertSameRows(List<List<String>> actual, List<List<String>> expected, String what) {
        assertThat(actual).as("rows of %s", what).hasSameSizeAs(expected);
        List<String> a = sortedKeys(actual);
        List<String> e = sortedKeys(expected);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).as("%s: row %d in sorted order", what, i).isEqualTo(e.get(i));
        }
    }

    private static List<String> sortedKeys(List<List<String>> rows) {
        return rows.stream().map(SourceRows::key).sorted(Comparator.naturalOrder()).toList();
    }

    /** A row as one string, NULL distinct from every text. */
    private static String key(List<String> row) {
        return row.stream().map(v -> v == null ? "<NULL>" : "'" + v + "'").collect(Collectors.joining(" | "));
    }
}
