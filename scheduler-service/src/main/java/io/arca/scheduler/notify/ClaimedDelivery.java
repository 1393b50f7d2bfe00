package io.arca.scheduler.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery this replica leased for one attempt.
 *
 * @param attempt   the number of this attempt (1-based; a lease that expired counts as an attempt already made)
 * @param eventBody the event's envelope exactly as stored in the event log: the webhook body; null when the event
 *                  is no longer in the log
 */
public record ClaimedDelivery(UUID id, UUID eventId, String eventType, int attempt, String eventBody,
                              Instant eventTime, ChannelTarget channel) {
}
