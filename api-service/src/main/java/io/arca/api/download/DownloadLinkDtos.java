package io.arca.api.download;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the download-link endpoints. */
public final class DownloadLinkDtos {
    private DownloadLinkDtos() {
    }

    @Schema(name = "DownloadLinkRequest")
    public record LinkRequest(
            @Schema(description = "sql, csv, json or archive", required = true) String format,
            @Schema(description = "gzip, zstd or none; default gzip (none for archive). csv and json are zips: "
                    + "gzip deflates their entries, none stores them; zstd is sql only") String compression,
            @Schema(description = "Table patterns (schema.table or table, '*' wildcards); absent or empty: all",
                    examples = "[\"public.orders\"]") List<String> tables,
            @Schema(description = "Seconds the link stays valid, 1 to 604800 (7 days)", defaultValue = "900")
            Long expiresInSeconds,
            @Schema(description = "Allow a backup flagged corrupted (the download stops at the first bad chunk)",
                    defaultValue = "false") Boolean force) {
    }

    @Schema(name = "DownloadLink")
    public record LinkView(
            @Schema(description = "GET it with no Authorization header; anyone holding it can download until "
                    + "expiresAt or revocation") String url,
            Instant expiresAt, String filename, String format, String compression, List<String> tables) {
    }
}
