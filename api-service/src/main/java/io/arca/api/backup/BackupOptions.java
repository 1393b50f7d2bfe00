package io.arca.api.backup;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The validated, normalised options of a backup (DESIGN §5), stored as the {@code backups.options} jsonb that the
 * worker reads: every field present, defaults applied.
 */
@Schema(name = "BackupOptions")
public record BackupOptions(String type, Tables tables, Compression compression, boolean encrypt) {

    /** Table patterns {@code schema.table} with {@code *} wildcards; empty include means every table. */
    @Schema(name = "TablePatterns")
    public record Tables(List<String> include, List<String> exclude, List<String> excludeData) {
    }

    /** zstd (level 1-19), gzip (1-9) or none (level 0). */
    @Schema(name = "Compression")
    public record Compression(String algorithm, int level) {
    }
}
