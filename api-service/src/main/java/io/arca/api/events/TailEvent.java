package io.arca.api.events;

import java.util.UUID;

/**
 * One row of the event log as the tail fans it out: the columns a subscriber filters on and the stored envelope.
 *
 * @param body the envelope JSON exactly as stored ({@code events.body}), sent as the SSE event's data
 */
public record TailEvent(long seq, UUID tenantId, String type, UUID jobId, UUID sourceId, String body) {
}
