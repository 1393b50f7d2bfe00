package io.arca.api.download;

import java.time.Instant;
import java.util.UUID;

/**
 * What links and downloads need of a backup row, and the catalog's clock when it was read ({@code now}: links are
 * issued, expire and are revoked on that one clock, whatever the API replicas' clocks say).
 */
record BackupRecord(UUID id, UUID tenantId, String state, String type, boolean corrupted, String manifestSha256,
                    Instant createdAt, Instant linksValidAfter, String sourceName, Instant now,
                    String lifecycle) {

    boolean completed() {
        return "completed".equals(state);
    }

    /** True when a link issued at {@code issuedAt} was revoked since (DELETE .../download-links). */
    boolean revokes(Instant issuedAt) {
        return linksValidAfter != null && !issuedAt.isAfter(linksValidAfter);
    }
}
