package io.arca.worker.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.archive.format.Compression;
import io.arca.jobs.options.BackupOptions;
import io.arca.pg.DumpOptions;
import io.arca.worker.job.JobFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A backup row as the worker needs it: ids, the row's type and the {@link BackupOptions} the API validated, turned
 * into dump options and archive compression.
 *
 * @param databaseName the database on the source's server to dump; null for the source's own database (a safety
 *                     backup of a restore target names the target, which need not be the source's database)
 */
public record BackupRequest(UUID id, UUID tenantId, UUID sourceId, String type, BackupOptions options,
                            String databaseName) {

    public DumpOptions dumpOptions(int parallelism) throws JobFailure {
        DumpOptions.Type dumpType = switch (type) {
            case BackupOptions.FULL -> DumpOptions.Type.FULL;
            case BackupOptions.SCHEMA_ONLY -> DumpOptions.Type.SCHEMA_ONLY;
            case BackupOptions.DATA_ONLY -> DumpOptions.Type.DATA_ONLY;
            default -> throw new JobFailure("invalid-options", "unknown backup type " + type);
        };
        BackupOptions.Tables tables = options.tablesOrNone();
        try {
            return DumpOptions.of(dumpType).withParallelism(parallelism)
                    .withInclude(strings(tables.include()))
                    .withExclude(strings(tables.exclude()))
                    .withExcludeData(strings(tables.excludeData()));
        } catch (IllegalArgumentException e) {
            throw new JobFailure("invalid-options", e.getMessage());
        }
    }

    public Compression compression() throws JobFailure {
        BackupOptions.Compression c = options.compression();
        try {
            return c == null ? Compression.of("zstd", null) : Compression.of(c.algorithm(), c.level());
        } catch (IllegalArgumentException e) {
            throw new JobFailure("invalid-options", e.getMessage());
        }
    }

    public boolean encrypt() {
        return options.encrypt();
    }

    public boolean filtersTables() {
        BackupOptions.Tables tables = options.tablesOrNone();
        return !tables.include().isEmpty() || !tables.exclude().isEmpty();
    }

    /** The options as flat strings, recorded in the manifest. */
    public Map<String, String> requestedOptions(ObjectMapper json) {
        Map<String, String> flat = new LinkedHashMap<>();
        flat.put("type", type);
        JsonNode tree = json.valueToTree(options);
        tree.fields().forEachRemaining(f -> {
            if (!f.getValue().isNull()) {
                flat.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
            }
        });
        return flat;
    }

    private static String[] strings(List<String> values) {
        return values.toArray(String[]::new);
    }
}
