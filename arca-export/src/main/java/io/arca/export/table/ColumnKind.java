package io.arca.export.table;

import java.util.List;

/**
 * How a column's COPY text becomes a JSON value, from its declared type ({@code format_type}, recorded in dump plans
 * from version 3): numbers as JSON numbers written from the text exactly, booleans as true/false, json and jsonb
 * embedded, bytea as base64, anything else as a string of the text. Domains, arrays, enums, timestamps, ... are
 * strings; so is every column of a plan without types.
 */
public enum ColumnKind {
    NUMBER,
    BOOLEAN,
    JSON,
    BYTEA,
    STRING;

    private static final List<String> NUMBERS = List.of("smallint", "integer", "bigint", "real", "double precision");

    /** The kind of a {@code format_type} spelling; null (type unknown) is a string. */
    public static ColumnKind of(String type) {
        if (type == null || type.endsWith("]")) {
            return STRING; // unknown, or an array (numeric(12,2)[] included)
        }
        if (NUMBERS.contains(type) || type.equals("numeric") || type.startsWith("numeric(")) {
            return NUMBER;
        }
        return switch (type) {
            case "boolean" -> BOOLEAN;
            case "json", "jsonb" -> JSON;
            case "bytea" -> BYTEA;
            default -> STRING;
        };
    }
}
