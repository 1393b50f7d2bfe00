package io.arca.api.console.restore;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the restore wizard's first step offers for one backup: the tenant's sources as targets, the backup's tables
 * and a database name to start from.
 *
 * @param backedUpDatabase  the database the backup was taken from (the existing database a restore may go back to)
 * @param suggestedDatabase a new database name that does not clash with the backed-up one
 */
public record RestoreWizard(UUID backupId, Instant backupFinishedAt, boolean corrupted, UUID sourceId,
                            String sourceName, String backedUpDatabase, String suggestedDatabase,
                            List<TargetChoice> targets, List<TableChoice> tables) {

    /** A source whose server can hold the target database; {@code selected}: the backup's own source. */
    public record TargetChoice(UUID id, String name, String database, String host, boolean selected) {
    }

    /**
     * A table of the backup, with the restore pattern that selects it alone.
     *
     * @param pattern the name as the API's {@code tables} takes it: {@code schema.table}, quoted per part when a part
     *                holds a dot or a quote (a {@code *} stays a wildcard either way)
     */
    public record TableChoice(String schema, String table, String pattern) {
        public static TableChoice of(String schema, String table) {
            boolean plain = isPlain(schema) && isPlain(table);
            return new TableChoice(schema, table, plain ? schema + "." + table : quoted(schema) + "." + quoted(table));
        }

        public String qualifiedName() {
            return schema + "." + table;
        }

        private static boolean isPlain(String part) {
            return !part.contains(".") && !part.contains("\"");
        }

        private static String quoted(String part) {
            return "\"" + part.replace("\"", "\"\"") + "\"";
        }
    }
}
