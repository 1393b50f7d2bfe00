package io.arca.archive.write;

/**
 * What an entry is, given when it is opened. {@code kind} is free text; Arca's PostgreSQL backups use
 * {@link #PRE_DATA}, {@link #TABLE_DATA} and {@link #POST_DATA}. {@code schema}/{@code table} name a table's
 * data entry (null otherwise). {@code rowCount} may be null here and set on the stream before it is closed.
 */
public record EntrySpec(String name, String kind, String schema, String table, Long rowCount) {
    public static final String PRE_DATA = "pre-data";
    public static final String TABLE_DATA = "table-data";
    public static final String POST_DATA = "post-data";

    public EntrySpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("entry name is required");
        }
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("entry kind is required");
        }
    }

    public static EntrySpec of(String name, String kind) {
        return new EntrySpec(name, kind, null, null, null);
    }

    /** A table's data; the entry is named {@code data/<schema>.<table>}. */
    public static EntrySpec tableData(String schema, String table) {
        return new EntrySpec("data/" + schema + "." + table, TABLE_DATA, schema, table, null);
    }

    public EntrySpec withRowCount(Long rows) {
        return new EntrySpec(name, kind, schema, table, rows);
    }
}
