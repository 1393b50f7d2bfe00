package io.arca.jobs.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * The one shape of a message on the dead-letter stream ({@code jobs-dlq}, topic {@code backup.jobs.dlq}): a job
 * record no retry can make processable, with the reason, where it was read from, and its raw key and payload, so it
 * can be inspected or replayed by hand. Written only through the outbox ({@link Outbox#append}).
 *
 * @param reason    why it was rejected, e.g. {@code not JSON: ...}, {@code unknown job: no backup <id>}
 * @param payload   the record's value exactly as read (may be any text)
 * @param tenantId  the tenant the message claimed, when it could be read
 */
public record DeadLetter(String reason, String topic, int partition, long offset, String key, String payload,
                         String workerId, Instant rejectedAt, UUID tenantId) {
}
