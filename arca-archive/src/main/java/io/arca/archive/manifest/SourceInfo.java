package io.arca.archive.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * What was backed up: a human description (e.g. {@code postgresql://db.example:5432/shop}, never with a
 * password), the server version, the snapshot time, and free attributes (source id, database name, snapshot id).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceInfo(String description, String serverVersion, Instant snapshotTime,
        Map<String, String> attributes) {
    public SourceInfo {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static SourceInfo of(String description) {
        return new SourceInfo(description, null, null, Map.of());
    }
}
