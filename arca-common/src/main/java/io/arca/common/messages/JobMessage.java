package io.arca.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The command on {@code backup.jobs}: "run job {@code jobId} of kind {@code kind}, attempt {@code attempt}".
 * It carries ids only; the catalog row is the truth, so a stale or repeated message changes nothing once the
 * row has moved on. {@code messageId} is unique per published message (a re-queue publishes a new one).
 *
 * @param version contract version of this message shape; consumers reject versions they do not know
 */
public record JobMessage(
        int version,
        UUID messageId,
        UUID jobId,
        String kind,
        UUID tenantId,
        UUID sourceId,
        int attempt,
        Instant createdAt) {

    public static final int CURRENT_VERSION = 1;
}
