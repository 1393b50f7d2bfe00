package io.arca.worker.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.archive.format.Compression;
import io.arca.pg.DumpOptions;
import io.arca.worker.job.JobFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A backup row as the worker needs it: ids and the options the API validated
 * ({@code {"type", "tables": {"include", "exclude", "excludeData"}, "compression": {"algorithm", "level"},
 * "encrypt"}}), turned into dump options and archive compression.
 */
public record BackupRequest(UUID id, UUID tenantId, UUID sourceId, String type, JsonNode options) {

    public DumpOptions dumpOptions(int parallelism) throws JobFailure {
        DumpOptions.Type dumpType = switch (type) {
            case "full" -> DumpOptions.Type.FULL;
            case "schema-only" -> DumpOptions.Type.SCHEMA_ONLY;
            case "data-only" -> DumpOptions.Type.DATA_ONLY;
            default -> throw new JobFailure("invalid-options", "unknown backup type " + type);
        };
        JsonNode tables = options.path("tables");
        try {
            return DumpOptions.of(dumpType).withParallelism(parallelism)
                    .withInclude(strings(tables.path("include")))
                    .withExclude(strings(tables.path("exclude")))
                    .withExcludeData(strings(tables.path("excludeData")));
        } catch (IllegalArgumentException e) {
            throw new JobFailure("invalid-options", e.getMessage());
        }
    }

    public Compression compression() throws JobFailure {
        JsonNode c = options.path("compression");
        String algorithm = c.path("algorithm").asText("zstd");
        Integer level = c.hasNonNull("level") ? c.get("level").asInt() : null;
        try {
            return Compression.of(algorithm, level);
        } catch (IllegalArgumentException e) {
            throw new JobFailure("invalid-options", e.getMessage());
        }
    }

    public boolean encrypt() {
        return options.path("encrypt").asBoolean(false);
    }

    public boolean filtersTables() {
        JsonNode tables = options.path("tables");
        return tables.path("include").size() > 0 || tables.path("exclude").size() > 0;
    }

    /** The options as flat strings, recorded in the manifest. */
    public Map<String, String> requestedOptions(ObjectMapper json) {
        Map<String, String> flat = new LinkedHashMap<>();
        flat.put("type", type);
        options.fields().forEachRemaining(f -> flat.put(f.getKey(),
                f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        return flat;
    }

    private static String[] strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values.toArray(String[]::new);
    }
}
