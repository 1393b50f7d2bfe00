package io.arca.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The "stress" schema ({@code stress-schema.sql} next to this class): added to Arca's sample database
 * ({@code io.arca.pg.verify.SampleDatabase}), it holds one column per type family the exports treat differently,
 * values that are hard for COPY text, CSV and JSON, a table without columns, and comments on post-data items. Shared
 * here so that every module's tests (exports, restores) load the same one.
 */
public final class StressSchema {
    private StressSchema() {
    }

    /** The SQL script; run it after the sample database's script, in the same database. */
    public static String script() {
        try (InputStream in = StressSchema.class.getResourceAsStream("stress-schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("stress-schema.sql missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
