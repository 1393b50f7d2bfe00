package io.arca.pg;

/**
 * What an entry holds, which also fixes the restore order: pre-data, table data, large objects, sequence values,
 * post-data.
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
    POST_DATA
}
