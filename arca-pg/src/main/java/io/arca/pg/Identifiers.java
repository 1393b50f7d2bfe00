package io.arca.pg;

import java.util.List;
import java.util.stream.Collectors;

/** SQL quoting. Identifiers are always quoted, whatever their spelling, so case, spaces and quotes survive. */
public final class Identifiers {
    private Identifiers() {
    }

    /** {@code "name"} with embedded double quotes doubled. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."name"}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /** {@code ("a", "b")}, or the empty string for no columns (meaning: all non-generated columns). */
    public static String columnList(List<String> columns) {
        if (columns.isEmpty()) {
            return "";
        }
        return columns.stream().map(Identifiers::quote).collect(Collectors.joining(", ", " (", ")"));
    }

    /**
     * The database as a libpq conninfo ({@code dbname='...'}), so a name containing {@code =} or starting with
     * {@code postgresql://} is never taken for a connection string; host, port, user and password come from the
     * environment.
     */
    public static String conninfoDbname(String database) {
        return "dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code 'text'} with embedded single quotes doubled (standard_conforming_strings is on since 9.1). */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
