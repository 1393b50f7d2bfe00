package io.arca.api.export;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the export endpoints. */
public final class ExportDtos {
    private ExportDtos() {
    }

    @Schema(name = "ExportRequest")
    public record ExportRequestBody(
            @Schema(required = true, description = "sql, csv, json or archive") String format,
            @Schema(description = "sql: gzip (default), zstd or none; csv and json (zip files): gzip (default) or "
                    + "none; archive: none") String compression,
            @Schema(description = "Table patterns (schema.table or a table name, '*' wildcards); absent or empty: "
                    + "every table", examples = "[\"public.orders\"]") List<String> tables,
            @Schema(description = "Export even a backup that a verification found corrupted",
                    defaultValue = "false") Boolean force) {
    }

    @Schema(name = "ExportProgress")
    public record Progress(String phase, long bytesWritten, int tablesDone, int tablesTotal) {
    }

    @Schema(name = "Export")
    public record ExportView(
            UUID id, UUID backupId, UUID sourceId, String format, String compression, List<String> tables,
            boolean force,
            @Schema(description = "pending, queued, running, completed, failed or cancelled") String state,
            Progress progress, String error,
            @Schema(description = "When the file is deleted from the bucket; from then on GET answers 410")
            Instant expiresAt,
            boolean expired,
            @Schema(description = "When completed: the file's name, size in bytes and SHA-256 (hex)") String filename,
            Long size, String sha256,
            @Schema(description = "GET /api/v1/exports/{id} of a completed export only: a presigned object-store "
                    + "URL that downloads the file without credentials until urlExpiresAt") String url,
            Instant urlExpiresAt,
            Instant createdAt, Instant startedAt, Instant finishedAt) {
    }

    /** The download link of a completed export, or null. */
    record Link(String url, Instant expiresAt) {
    }

    static ExportView view(Export e, Instant now, Link link) {
        return new ExportView(e.id, e.backupId, e.sourceId, e.format, e.compression,
                e.options == null ? List.of() : e.options.tables(), e.options != null && e.options.force(), e.state,
                new Progress(e.phase, e.bytesWritten, e.tablesDone, e.tablesTotal), e.error, e.expiresAt,
                e.isExpired(now), e.filename, e.size, e.sha256,
                link == null ? null : link.url(), link == null ? null : link.expiresAt(),
                e.createdAt, e.startedAt, e.finishedAt);
    }
}
