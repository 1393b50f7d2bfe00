package io.arca.pg;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of a dump: a named byte stream. The name is stable and safe for any storage key or file name
 * ({@code pre-data}, {@code data/<table oid>}, {@code large-objects}, {@code sequence-values},
 * {@code post-data}); the real identity of the
 * table (schema, table and column names, unquoted, any characters) is kept in separate fields. Schema and sequence
 * entries have null schema/table and no columns.
 *
 * <p>A TABLE_DATA entry is {@code COPY ... TO STDOUT} text format, UTF-8, with exactly {@link #columns()} in that
 * order (generated columns are never dumped); restore copies into the same column list. {@link #columnTypes()} are
 * the columns' declared types as {@code pg_catalog.format_type} spells them with an empty search_path (so types
 * outside pg_catalog are schema-qualified: {@code integer}, {@code numeric(12,2)}, {@code text[]},
 * {@code public.mood}); empty when unknown (plans before version 3), else one per column.
 */
public record DumpEntry(String name, EntryKind kind, String schema, String table, List<String> columns,
                        List<String> columnTypes) {

    public static final String PRE_DATA = "pre-data";
    public static final String POST_DATA = "post-data";
    public static final String SEQUENCE_VALUES = "sequence-values";
    public static final String LARGE_OBJECTS = "large-objects";

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9/_.-]{0,127}");

    public DumpEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (!SAFE_NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("unsafe entry name: " + name);
        }
        if (kind == EntryKind.TABLE_DATA) {
            Objects.requireNonNull(schema, "schema of a table data entry");
            Objects.requireNonNull(table, "table of a table data entry");
        }
        columns = columns == null ? List.of() : List.copyOf(columns);
        columnTypes = columnTypes == null ? List.of() : List.copyOf(columnTypes);
        if (!columnTypes.isEmpty() && columnTypes.size() != columns.size()) {
            throw new IllegalArgumentException("entry " + name + " has " + columns.size() + " columns but "
                    + columnTypes.size() + " column types");
        }
    }

    /** An entry whose column types are unknown. */
    public DumpEntry(String name, EntryKind kind, String schema, String table, List<String> columns) {
        this(name, kind, schema, table, columns, List.of());
    }

    public static DumpEntry preData() {
        return new DumpEntry(PRE_DATA, EntryKind.PRE_DATA, null, null, List.of());
    }

    public static DumpEntry postData() {
        return new DumpEntry(POST_DATA, EntryKind.POST_DATA, null, null, List.of());
    }

    public static DumpEntry sequenceValues() {
        return new DumpEntry(SEQUENCE_VALUES, EntryKind.SEQUENCE_VALUES, null, null, List.of());
    }

    public static DumpEntry largeObjects() {
        return new DumpEntry(LARGE_OBJECTS, EntryKind.LARGE_OBJECTS, null, null, List.of());
    }

    /** A table data entry named {@code data/<oid>}, column types unknown. */
    public static DumpEntry tableData(long oid, String schema, String table, List<String> columns) {
        return new DumpEntry("data/" + oid, EntryKind.TABLE_DATA, schema, table, columns);
    }

    /** A table data entry named {@code data/<oid>} with its columns' types, one per column. */
    public static DumpEntry tableData(long oid, String schema, String table, List<String> columns,
                                      List<String> columnTypes) {
        return new DumpEntry("data/" + oid, EntryKind.TABLE_DATA, schema, table, columns, columnTypes);
    }

    /** This entry without column types, as a plan before version 3 records it. */
    public DumpEntry withoutColumnTypes() {
        return new DumpEntry(name, kind, schema, table, columns);
    }

    /** {@code schema.table} unquoted, for messages and pattern matching; null for non-table entries. */
    public String qualifiedTable() {
        return table == null ? null : schema + "." + table;
    }

    /**
     * The statement that dumps this table data entry, {@code COPY "schema"."table" ("a", "b") TO STDOUT}: the dump
     * runs it, and so does a deep verification over the restored table, so both produce text the same way.
     */
    public String copyToStdout() {
        if (kind != EntryKind.TABLE_DATA) {
            throw new IllegalStateException(name + " is not a table data entry");
        }
        return "COPY " + Identifiers.qualified(schema, table) + Identifiers.columnList(columns) + " TO STDOUT";
    }
}
