package io.arca.archive.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One entry of a backup: its name (unique in the backup), kind ({@code pre-data}, {@code table-data},
 * {@code post-data}, ...), table identity (schema and table, null for non-table entries), row count (null when
 * unknown), plaintext size in bytes, lower-case hex SHA-256 of the whole plaintext, and its chunks in order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestEntry(String name, String kind, String schema, String table, Long rowCount, long size,
        String sha256, List<ChunkRef> chunks) {
    public ManifestEntry {
        chunks = List.copyOf(chunks);
    }

    /** Sum of the chunks' stored sizes (a chunk shared with other backups counts here too). */
    @JsonIgnore
    public long storedSize() {
        long total = 0;
        for (ChunkRef c : chunks) {
            total += c.storedSize();
        }
        return total;
    }
}
