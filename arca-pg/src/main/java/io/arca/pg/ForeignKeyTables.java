package io.arca.pg;

/**
 * The two tables of a foreign key in a dump, as data entry names: {@code table} holds the constraint,
 * {@code references} is the table it points at; null when that table has no data entry in the dump (a partitioned
 * parent, a table whose data was excluded). An export of selected tables keeps a foreign key only when both are
 * known and selected.
 */
public record ForeignKeyTables(String table, String references) {
}
