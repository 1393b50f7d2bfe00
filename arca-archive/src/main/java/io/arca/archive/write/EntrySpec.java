package io.arca.archive.write;

/**
 * What an entry is, given when it is opened. {@code name} and {@code kind} are the writer's: the archive stores
 * them and never interprets them (Arca's PostgreSQL backups name and kind their entries as arca-pg's
 * {@code DumpEntry}, {@code EntryKind} and {@code DumpPlan} define them; see docs/archive-format.md).
 * {@code schema}/{@code table} name a table's data entry (null otherwise). {@code rowCount} may be null here and set
 * on the stream before it is closed.
 */
public record EntrySpec(String name, String kind, String schema, String table, Long rowCount) {
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

    public EntrySpec withRowCount(Long rows) {
        return new EntrySpec(name, kind, schema, table, rows);
    }
}
