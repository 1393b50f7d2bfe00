package io.arca.archive.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * How a backup was written: compression codec and level, cipher and data key id (null when not encrypted),
 * chunk naming scheme ({@code sha256} or {@code hmac-sha256}), chunker sizes, and the options the backup was
 * requested with (mode, table filters, labels — free strings recorded for the reader's information).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestOptions(String compression, int compressionLevel, String cipher, String keyId,
        String chunkNaming, int chunkMinSize, int chunkAvgSize, int chunkMaxSize, Map<String, String> requested) {
    public ManifestOptions {
        requested = requested == null ? Map.of() : Map.copyOf(requested);
    }

    public boolean encrypted() {
        return keyId != null;
    }
}
