package io.arca.jobs.options;

import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The options of a backup job (DESIGN §5): the API validates and normalises them (every field present, defaults
 * applied) and stores them as the {@code backups.options} jsonb; the worker reads the same record back. Rows written
 * before a field existed may lack it: readers treat a missing part as its default ({@link #tablesOrNone()}).
 */
@Schema(name = "BackupOptions")
public record BackupOptions(String type, Tables tables, Compression compression, boolean encrypt) {

    /** The backup types, as they are spelled in requests, rows and messages. */
    public static final String FULL = "full";
    public static final String SCHEMA_ONLY = "schema-only";
    public static final String DATA_ONLY = "data-only";
    public static final Set<String> TYPES = Set.of(FULL, SCHEMA_ONLY, DATA_ONLY);

    /** The table patterns, empty lists when the stored options had none. */
    public Tables tablesOrNone() {
        Tables t = tables == null ? new Tables(null, null, null) : tables;
        return new Tables(t.include() == null ? List.of() : t.include(),
                t.exclude() == null ? List.of() : t.exclude(),
                t.excludeData() == null ? List.of() : t.excludeData());
    }

    /** Table patterns {@code schema.table} with {@code *} wildcards; empty include means every table. */
    @Schema(name = "TablePatterns")
    public record Tables(List<String> include, List<String> exclude, List<String> excludeData) {
    }

    /** zstd (level 1-19), gzip (1-9) or none (level 0). */
    @Schema(name = "Compression")
    public record Compression(String algorithm, int level) {
    }
}
