package io.arca.common.messages;

/**
 * Logical names of Arca's message streams, as stored in the outbox's {@code stream} column. The physical Kafka
 * topic of each stream lives in configuration ({@code arca.topics.*}), so tests and deployments can rename
 * topics without touching stored rows.
 */
public final class MessageStreams {
    /** Commands for workers; key = source id so one source's jobs stay ordered. Topic default {@code backup.jobs}. */
    public static final String JOBS = "jobs";
    /** Facts about jobs (started, progress, completed, failed). Topic default {@code backup.events}. */
    public static final String EVENTS = "events";
    /** Job messages a worker could not process, with the reason. Topic default {@code backup.jobs.dlq}. */
    public static final String JOBS_DLQ = "jobs-dlq";

    private MessageStreams() {
    }
}
