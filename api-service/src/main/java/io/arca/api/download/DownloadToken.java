package io.arca.api.download;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arca.export.ExportCompression;
import io.arca.export.ExportFormat;
import io.arca.export.ExportRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a download link grants, carried in the link itself (signed by {@link DownloadTokens}): one backup of one
 * tenant, rendered one way, until {@code expiresAt}. {@code issuedAt} is the catalog's clock at creation, compared
 * with the backup's {@code links_valid_after} (revocation). Field names are part of every issued link: never renamed;
 * a change of meaning takes a new {@link #VERSION}.
 */
@JsonPropertyOrder({"v", "link", "tenant", "backup", "format", "compression", "tables", "force", "issuedAt",
        "expiresAt"})
public record DownloadToken(
        @JsonProperty("v") int version,
        @JsonProperty("link") UUID linkId,
        UUID tenant,
        UUID backup,
        String format,
        String compression,
        List<String> tables,
        boolean force,
        Instant issuedAt,
        Instant expiresAt) {

    public static final int VERSION = 1;

    public DownloadToken {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    static DownloadToken issue(UUID tenant, UUID backup, ExportRequest request, boolean force, Instant issuedAt,
            Instant expiresAt) {
        return new DownloadToken(VERSION, UUID.randomUUID(), tenant, backup, request.format().wireName(),
                request.compression().wireName(), request.tables(), force, issuedAt, expiresAt);
    }

    /** The rendering the link was issued for (its options were validated then; the signature vouches for them). */
    ExportRequest request() {
        return new ExportRequest(ExportFormat.fromWireName(format), ExportCompression.fromWireName(compression),
                tables);
    }
}
