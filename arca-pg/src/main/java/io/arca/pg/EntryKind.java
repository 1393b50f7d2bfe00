package io.arca.pg;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an entry holds, which also fixes the restore order: pre-data, table data, large objects, sequence values,
 * post-data. {@link #label()} is the one stored spelling of a kind, in the manifest ({@code entries[].kind}) and in
 * the dump plan alike.
 */
public enum EntryKind {
    /** {@code pg_dump --section=pre-data}, custom format, uncompressed: types, functions, tables, views, ... */
    PRE_DATA,
    /** One table's rows in COPY text format (UTF-8, columns as listed in the entry). */
    TABLE_DATA,
    /** Large objects' contents: {@code pg_dump --section=data} custom format, uncompressed, no table data. */
    LARGE_OBJECTS,
    /** {@code SELECT pg_catalog.setval(...);} lines for the selected sequences (plain SQL, UTF-8, one per line). */
    SEQUENCE_VALUES,
    /**
     * {@code pg_dump --section=post-data}, custom format, uncompressed: indexes, constraints, triggers, materialized
     * view refreshes.
     */
    POST_DATA;

    /** The stored spelling: {@code pre-data}, {@code table-data}, {@code large-objects}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind stored as {@code label}; empty for a label this version does not know. */
    public static Optional<EntryKind> ofLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst();
    }
}
