package io.arca.common.messages;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A public event, version 1: what webhooks receive, emails describe and the event stream shows (documented in
 * docs/events.md; the catalogue of types is {@code io.arca.events.EventType}). {@code subject} holds the ids the
 * event is about ({@code backupId}, {@code sourceId}, {@code restoreId}, {@code scheduleId}, {@code keyId}, ...);
 * {@code data} is small and never holds a secret.
 *
 * <p>On {@code backup.events} it travels beside {@link JobEvent}: a producer that is not a job (an API key, a
 * schedule, the late-backup sweep) appends an {@code ArcaEvent} to the outbox directly; job facts are translated into
 * {@code ArcaEvent}s when they are ingested. The two shapes are told apart by {@code subject}, which only this one has.
 */
public record ArcaEvent(
        int version,
        UUID id,
        String type,
        Instant time,
        UUID tenantId,
        Map<String, String> subject,
        Map<String, Object> data) {

    public static final int CURRENT_VERSION = 1;

    /** A new event of {@code type} now, with a fresh id. */
    public static ArcaEvent of(String type, UUID tenantId, Map<String, String> subject, Map<String, Object> data) {
        return new ArcaEvent(CURRENT_VERSION, UUID.randomUUID(), type, Instant.now(), tenantId, subject, data);
    }
}
