package io.arca.common.messages;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A fact on {@code backup.events}: {@code type} is e.g. {@code backup.started}, {@code backup.progress},
 * {@code backup.completed}, {@code backup.failed}, {@code restore.completed}. {@code data} holds the
 * type-specific fields (progress counters, error reason, sizes). Key = job id.
 */
public record JobEvent(
        int version,
        UUID eventId,
        String type,
        UUID jobId,
        String kind,
        UUID tenantId,
        String state,
        Instant occurredAt,
        Map<String, Object> data) {

    public static final int CURRENT_VERSION = 1;
}
