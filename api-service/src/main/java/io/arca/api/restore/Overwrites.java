package io.arca.api.restore;

import io.arca.pg.restore.TargetInspection.ExistingTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a restore would overwrite or drop in its target, as the target's inspection found it: the
 * {@code wouldOverwrite} member of a 409 {@code data-loss-unconfirmed}, and the tables a safety backup saves.
 *
 * @param database           the target database
 * @param backedUpDatabase   the target is the database the backup was taken from
 * @param schemas            existing schemas the restore drops and re-creates
 * @param tables             existing tables whose rows or definitions the restore replaces, with their size now
 */
record Overwrites(String database, boolean backedUpDatabase, List<String> schemas, List<ExistingTable> tables) {

    static Overwrites nothing(String database) {
        return new Overwrites(database, false, List.of(), List.of());
    }

    /** Whether existing data would be lost (the backed-up database as target is confirmed even when not). */
    boolean losesData() {
        return !schemas.isEmpty() || !tables.isEmpty();
    }

    boolean needsConfirmation() {
        return losesData() || backedUpDatabase;
    }

    /**
     * Patterns for a backup of exactly these tables, in the quoted form {@code "schema"."table"} of
     * {@code io.arca.pg.TablePattern}: each part is matched on its own, so dots in names cannot blur where the schema
     * ends (only a {@code *} in a name, a wildcard there, could select more, never fewer).
     */
    List<String> tablePatterns() {
        return tables.stream().map(t -> quoted(t.schema()) + "." + quoted(t.table())).distinct().toList();
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * The problem extension member, shaped as the dry run preview's {@code wouldOverwrite} (schemas, tables with
     * schema, table, rows, rowsEstimated and bytes, rows in all) plus the database and whether it is the backed-up
     * one.
     */
    Map<String, Object> member() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", database);
        m.put("backedUpDatabase", backedUpDatabase);
        m.put("schemas", schemas);
        m.put("tables", tables.stream().map(t -> {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("schema", t.schema());
            table.put("table", t.table());
            table.put("rows", t.rows());
            table.put("rowsEstimated", t.rowsEstimated());
            table.put("bytes", t.bytes());
            return table;
        }).toList());
        // as the dry run's preview sums them: estimates included, unknown counts (-1) left out
        m.put("rows", tables.stream().mapToLong(t -> Math.max(0, t.rows())).sum());
        return m;
    }

    /** One sentence for the problem's detail. */
    String describe() {
        StringBuilder what = new StringBuilder();
        if (!tables.isEmpty()) {
            what.append(tables.size()).append(tables.size() == 1 ? " table (" : " tables (")
                    .append(tables.stream().limit(10).map(Overwrites::sized).collect(Collectors.joining(", ")))
                    .append(tables.size() > 10 ? ", ..." : "").append(")");
        }
        if (!schemas.isEmpty()) {
            what.append(what.isEmpty() ? "" : " and ").append("schemas ").append(schemas);
        }
        String prefix = backedUpDatabase ? "the target is the backed-up database '" + database + "' itself" : null;
        if (what.isEmpty()) {
            return prefix;
        }
        return (prefix == null ? "" : prefix + ", and ") + "this restore would overwrite " + what
                + " in database '" + database + "'";
    }

    private static String sized(ExistingTable t) {
        String rows = t.rows() < 0 ? "rows unknown" : (t.rowsEstimated() ? "about " : "") + t.rows() + " rows";
        return t.qualifiedName() + ": " + rows;
    }
}
