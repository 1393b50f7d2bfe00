package io.arca.export;

import java.util.List;
import java.util.Objects;

/**
 * What to render: format, compression and the table patterns (as in backups: {@code schema.table}, {@code *}
 * wildcards; empty = every table).
 */
public record ExportRequest(ExportFormat format, ExportCompression compression, List<String> tables) {
    public ExportRequest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
        tables = tables == null ? List.of() : List.copyOf(tables);
    }
}
