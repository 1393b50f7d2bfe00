package io.arca.pg.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Arca's own sample database ({@code sample-database.sql} next to this class): enum, domain and composite types
 * (some with non-ASCII names), a partitioned table with a default partition, views, a materialized view, plpgsql
 * and SQL functions, a trigger, arrays, jsonb, bytea (one 8 MiB value), numeric, interval, timestamptz, tsvector,
 * generated and identity columns, a dropped column, an unlogged table, sequences, foreign keys, and the table
 * {@code "my schema"."Weird ""Name"" ü"} with quoted, non-ASCII column names and COPY-hostile values (tabs,
 * newlines, backslashes, {@code \N}-lookalikes, NULLs, empty strings).
 */
public final class SampleDatabase {
    /** Schema and name of the table with the hardest identifiers. */
    public static final String WEIRD_SCHEMA = "my schema";
    public static final String WEIRD_TABLE = "Weird \"Name\" ü";

    private SampleDatabase() {
    }

    /** Creates the sample objects and rows in the (empty) database of {@code c}. */
    public static void load(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(script());
        }
    }

    public static String script() {
        return resource("sample-database.sql");
    }

    /**
     * {@code stress-schema.sql}, run after {@link #script()}: one column per type family, values hard for COPY text,
     * CSV and JSON, a table without columns, a serial table with a foreign key, comments on an index and a foreign
     * key (the export and restore tests' "stress" database).
     */
    public static String stressScript() {
        return resource("stress-schema.sql");
    }

    private static String resource(String name) {
        try (InputStream in = SampleDatabase.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
