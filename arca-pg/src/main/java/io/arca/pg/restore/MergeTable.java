package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One table of a merge restore: what the target's table looks like (its columns and primary key, read from the
 * catalog by name as parameters), whether the backup's rows fit it, and the statements that merge them. Every
 * identifier in those statements is quoted.
 *
 * @param exists      whether the target has the table (an ordinary table or a partitioned one)
 * @param primaryKey  the target's primary key columns (its key columns only, not those of an {@code INCLUDE}:
 *                    pagila's {@code actor_pkey_incl} carries two); empty when it has none
 * @param columns     the target's columns
 */
record MergeTable(DumpEntry entry, boolean exists, List<String> primaryKey, List<TargetColumn> columns) {

    /** A column of the target's table. {@code required}: NOT NULL with no default, not generated or identity. */
    record TargetColumn(String name, boolean generated, boolean required) {
    }

    static MergeTable read(Connection c, DumpEntry entry) throws SQLException {
        String sql = """
                SELECT a.attname, a.attgenerated <> '', a.attnotnull AND NOT a.atthasdef AND a.attidentity = '',
                       i.indexrelid IS NOT NULL AND a.attnum = ANY ((i.indkey::int2[])[0:i.indnkeyatts - 1])
                FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary
                WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')
                ORDER BY a.attnum
                """;
        List<TargetColumn> columns = new ArrayList<>();
        List<String> key = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, entry.schema());
            ps.setString(2, entry.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new TargetColumn(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3)));
                    if (rs.getBoolean(4)) {
                        key.add(rs.getString(1));
                    }
                }
            }
        }
        return new MergeTable(entry, !columns.isEmpty(), key, columns);
    }

    String name() {
        return entry.qualifiedTable();
    }

    /** Why the backup's rows do not fit this table (empty when they do); the table exists and has a key. */
    List<String> misfits() {
        List<String> problems = new ArrayList<>();
        List<String> targetNames = columns.stream().map(TargetColumn::name).toList();
        List<String> absent = entry.columns().stream().filter(col -> !targetNames.contains(col)).toList();
        if (entry.columns().isEmpty()) {
            problems.add("the backup's entry for " + name() + " lists no columns");
        }
        if (!absent.isEmpty()) {
            problems.add(name() + " has no column " + String.join(", ", absent) + " that the backup's rows hold");
        }
        columns.stream().filter(col -> col.generated() && entry.columns().contains(col.name())).forEach(col ->
                problems.add("column " + col.name() + " of " + name() + " is generated in the target, but the "
                        + "backup's rows hold values for it"));
        primaryKey.stream().filter(col -> !entry.columns().contains(col)).forEach(col ->
                problems.add("primary key column " + col + " of " + name() + " is not in the backup's rows"));
        columns.stream().filter(col -> col.required() && !entry.columns().contains(col.name())).forEach(col ->
                problems.add("column " + col.name() + " of " + name() + " is NOT NULL without a default, and the "
                        + "backup's rows have no value for it"));
        return problems;
    }

    String target() {
        return Identifiers.qualified(entry.schema(), entry.table());
    }

    /** The session's temporary table holding the backup's rows for this table. */
    static String staging(int index) {
        return "pg_temp." + Identifiers.quote("arca_merge_" + index);
    }

    /** An empty temporary table with the backup's columns, typed as the target's (so COPY parses them alike). */
    String createStaging(int index) {
        return "CREATE TEMPORARY TABLE " + Identifiers.quote("arca_merge_" + index) + " ON COMMIT DROP AS SELECT "
                + list("", entry.columns()) + " FROM " + target() + " WITH NO DATA";
    }

    String copyIntoStaging(int index) {
        return "COPY " + staging(index) + Identifiers.columnList(entry.columns()) + " FROM STDIN";
    }

    /**
     * Counts the staged rows: all, those whose key the target lacks, those whose key it holds with other contents.
     * Rows are compared by their text form, which every type has (json or point have no equality operator).
     */
    String countStaged(int index) {
        return "SELECT count(*), count(*) FILTER (WHERE m.row_text IS NULL), "
                + "count(*) FILTER (WHERE m.row_text IS DISTINCT FROM ROW(" + list("b.", entry.columns())
                + ")::text AND m.row_text IS NOT NULL) FROM " + staging(index) + " b LEFT JOIN LATERAL (SELECT ROW("
                + list("t.", entry.columns()) + ")::text AS row_text FROM " + target() + " t WHERE "
                + keyMatch("t.", "b.") + ") m ON true";
    }

    /**
     * The merge: inserts staged rows whose key is new and, with {@code overwrite}, replaces the target's rows that
     * differ. Rows that would change nothing are left out of the INSERT, so no trigger fires for them; ON CONFLICT
     * still guards the key. Values for identity columns are the backup's (OVERRIDING SYSTEM VALUE).
     */
    String merge(int index, boolean overwrite) {
        List<String> nonKey = entry.columns().stream().filter(col -> !primaryKey.contains(col)).toList();
        String insert = "INSERT INTO " + target() + Identifiers.columnList(entry.columns())
                + " OVERRIDING SYSTEM VALUE SELECT " + list("b.", entry.columns()) + " FROM " + staging(index)
                + " b WHERE NOT EXISTS (SELECT 1 FROM " + target() + " t WHERE " + keyMatch("t.", "b.");
        if (!overwrite || nonKey.isEmpty()) {
            return insert + ") ON CONFLICT (" + list("", primaryKey) + ") DO NOTHING";
        }
        return insert + " AND ROW(" + list("t.", entry.columns()) + ")::text = ROW(" + list("b.", entry.columns())
                + ")::text) ON CONFLICT (" + list("", primaryKey) + ") DO UPDATE SET " + nonKey.stream()
                .map(col -> Identifiers.quote(col) + " = EXCLUDED." + Identifiers.quote(col))
                .collect(Collectors.joining(", "));
    }

    private String keyMatch(String left, String right) {
        return primaryKey.stream().map(Identifiers::quote).map(col -> left + col + " = " + right + col)
                .collect(Collectors.joining(" AND "));
    }

    private static String list(String prefix, List<String> names) {
        return names.stream().map(n -> prefix + Identifiers.quote(n)).collect(Collectors.joining(", "));
    }
}
