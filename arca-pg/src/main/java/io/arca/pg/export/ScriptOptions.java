package io.arca.pg.export;

import io.arca.pg.TablePattern;
import java.util.List;

/**
 * What a {@link PlainSqlScript} holds.
 *
 * @param tables      table patterns: rows of the matching tables only, no large objects or sequence values, and
 *                    post-data only for them (see {@link PostDataSelection}); empty = the whole dump
 * @param schemaOnly  pre-data and post-data only (the {@code schema.sql} of a CSV or JSON export)
 * @param restrictKey the key of the <code>\restrict</code> guards pg_restore writes; null = a random one per run. A
 *                    script served in byte ranges must render the same bytes every time, so it needs a fixed key,
 *                    one the dumped database cannot predict (it must not be able to write the matching
 *                    <code>&#92;unrestrict</code> into its own objects); letters and digits only
 */
public record ScriptOptions(List<TablePattern> tables, boolean schemaOnly, String restrictKey) {
    public ScriptOptions {
        tables = tables == null ? List.of() : List.copyOf(tables);
        if (restrictKey != null && !restrictKey.matches("[A-Za-z0-9]{1,64}")) {
            throw new IllegalArgumentException("a restrict key is 1-64 letters and digits");
        }
    }

    /** The whole dump, pg_restore's random restrict keys. */
    public static ScriptOptions whole() {
        return new ScriptOptions(List.of(), false, null);
    }

    public ScriptOptions withTables(List<TablePattern> patterns) {
        return new ScriptOptions(patterns, schemaOnly, restrictKey);
    }

    public ScriptOptions withSchemaOnly(boolean only) {
        return new ScriptOptions(tables, only, restrictKey);
    }

    public ScriptOptions withRestrictKey(String key) {
        return new ScriptOptions(tables, schemaOnly, key);
    }

    boolean selectsTables() {
        return !tables.isEmpty();
    }

    boolean selects(String schema, String table) {
        return tables.isEmpty() || tables.stream().anyMatch(p -> p.matches(schema, table));
    }
}
