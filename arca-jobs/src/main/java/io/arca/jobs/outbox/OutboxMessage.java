package io.arca.jobs.outbox;

import io.arca.common.messages.ArcaEvent;
import io.arca.common.messages.JobEvent;
import io.arca.common.messages.JobMessage;
import io.arca.common.messages.MessageStreams;
import java.util.UUID;

/**
 * A message to append to the outbox: its logical stream ({@link MessageStreams}), its Kafka key, its payload
 * (serialised as JSON) and the tenant it belongs to (null for none). The factories fix each stream's key, so a
 * stream's ordering rule is stated once.
 */
public record OutboxMessage(String stream, String key, Object payload, UUID tenantId) {

    /** A job command, keyed by source id: one source's jobs stay in order on the topic. */
    public static OutboxMessage command(JobMessage command) {
        return new OutboxMessage(MessageStreams.JOBS, command.sourceId().toString(), command, command.tenantId());
    }

    /** A job event, keyed by job id: one job's events stay in order. */
    public static OutboxMessage event(JobEvent event) {
        return new OutboxMessage(MessageStreams.EVENTS, event.jobId().toString(), event, event.tenantId());
    }

    /**
     * A public event that is not a job fact (an API key, a schedule, a late source), keyed by its first subject id
     * (its own id when it has none) so the events about one thing stay in order.
     */
    public static OutboxMessage event(ArcaEvent event) {
        String key = event.subject().isEmpty() ? event.id().toString() : event.subject().values().iterator().next();
        return new OutboxMessage(MessageStreams.EVENTS, key, event, event.tenantId());
    }

    /** A dead letter, keyed like the record it replaces ({@code none} when that had no key). */
    public static OutboxMessage deadLetter(DeadLetter letter) {
        return new OutboxMessage(MessageStreams.JOBS_DLQ, letter.key() == null ? "none" : letter.key(), letter,
                letter.tenantId());
    }
}
