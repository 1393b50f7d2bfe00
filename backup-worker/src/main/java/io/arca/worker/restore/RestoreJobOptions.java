package io.arca.worker.restore;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.pg.RestoreOptions;
import io.arca.worker.job.JobFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A restore's {@code options} (the jsonb the API wrote, camelCase keys) read into the engine's {@link RestoreOptions}
 * plus the two keys only the job acts on. A value of the wrong type and a contradiction ({@code schemaOnly} with
 * {@code dataOnly}, a merge without tables, ...) fail the job as {@code invalid-options} before anything is read or
 * written; the API refuses the same requests up front, this holds for rows written another way. Keys the worker does
 * not act on ({@code force}: the API's) are ignored.
 *
 * @param engine          what the engine gets; {@code parallelism} defaults to the worker's table parallelism
 * @param confirmDataLoss the user confirmed that existing data may be overwritten or dropped
 * @param safetyBackup    the user wants a safety backup before existing objects are overwritten (default true; the
 *                        API records it, the job only waits for the one linked from the restore)
 */
record RestoreJobOptions(RestoreOptions engine, boolean confirmDataLoss, boolean safetyBackup) {

    static RestoreJobOptions read(JsonNode options, int defaultParallelism) throws JobFailure {
        if (options == null || options.isNull() || options.isMissingNode()) {
            return new RestoreJobOptions(RestoreOptions.full().withParallelism(defaultParallelism), false, true);
        }
        if (!options.isObject()) {
            throw invalid("options must be a JSON object, was " + options.getNodeType());
        }
        try {
            RestoreOptions engine = RestoreOptions.full()
                    .withParallelism(integer(options, "parallelism", defaultParallelism))
                    .withTables(tables(options).toArray(String[]::new))
                    .withSchemaOnly(flag(options, "schemaOnly", false))
                    .withSkipOwnership(flag(options, "skipOwnership", false))
                    .withStrict(flag(options, "strict", false))
                    .withOnConflict(choice(options, "onConflict", RestoreOptions.OnConflict.class,
                            RestoreOptions.OnConflict.SKIP))
                    // the three below are checked against each other by RestoreOptions' constructor, in this order
                    .withDataOnly(flag(options, "dataOnly", false))
                    .withDropExisting(flag(options, "dropExisting", false))
                    .withMode(choice(options, "mode", RestoreOptions.Mode.class, RestoreOptions.Mode.REPLACE));
            return new RestoreJobOptions(engine, flag(options, "confirmDataLoss", false),
                    flag(options, "safetyBackup", true));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** Whether these options may overwrite or drop rows or objects the target holds now. */
    boolean mayOverwrite() {
        return engine.dropExisting() || engine.dataOnly()
                || (engine.mode() == RestoreOptions.Mode.MERGE
                && engine.onConflict() == RestoreOptions.OnConflict.OVERWRITE);
    }

    /**
     * Whether a restore with these options may write into the backed-up database itself: only when confirmed, as the
     * API requires it (its {@code DataLossCheck}) whatever the mode.
     */
    boolean mayTargetTheBackedUpDatabase() {
        return confirmDataLoss;
    }

    private static List<String> tables(JsonNode options) throws JobFailure {
        JsonNode node = options.path("tables");
        List<String> tables = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return tables;
        }
        if (!node.isArray()) {
            throw invalid("tables must be an array of table patterns");
        }
        for (JsonNode t : node) {
            if (!t.isTextual()) {
                throw invalid("tables must be an array of table patterns, found " + t);
            }
            tables.add(t.asText());
        }
        return tables;
    }

    private static boolean flag(JsonNode options, String key, boolean fallback) throws JobFailure {
        JsonNode node = options.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw invalid(key + " must be true or false, was " + node);
        }
        return node.booleanValue();
    }

    private static int integer(JsonNode options, String key, int fallback) throws JobFailure {
        JsonNode node = options.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw invalid(key + " must be a whole number, was " + node);
        }
        return node.intValue();
    }

    private static <E extends Enum<E>> E choice(JsonNode options, String key, Class<E> type, E fallback)
            throws JobFailure {
        JsonNode node = options.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, node.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E value : type.getEnumConstants()) {
                allowed.add('"' + value.name().toLowerCase(Locale.ROOT) + '"');
            }
            throw invalid(key + " must be one of " + String.join(", ", allowed) + ", was " + node);
        }
    }

    private static JobFailure invalid(String message) {
        return new JobFailure("invalid-options", message);
    }
}
