package io.arca.api.contents;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response shapes of a backup's contents. */
public final class ContentsDtos {
    private ContentsDtos() {
    }

    @Schema(name = "BackupEntry", description = "One entry of a backup, in restore order")
    public record EntryView(
            @Schema(description = "pre-data, table-data, large-objects, sequence-values or post-data") String kind,
            @Schema(description = "the entry's name in the archive, e.g. data/16384") String name,
            @Schema(description = "table-data: the table's schema, unquoted") String schema,
            @Schema(description = "table-data: the table's name, unquoted") String table,
            @Schema(description = "table-data: rows as COPY counted them at backup time") Long rows,
            @Schema(description = "plaintext bytes of the entry") long bytes,
            @Schema(description = "stored (compressed, encrypted) bytes of its chunks; a chunk shared with other "
                    + "backups counts in each") long storedBytes,
            int chunkCount) {
    }
}
