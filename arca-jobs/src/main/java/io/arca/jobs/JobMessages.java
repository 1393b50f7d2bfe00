package io.arca.jobs;

import io.arca.common.job.JobState;
import io.arca.common.messages.JobEvent;
import io.arca.common.messages.JobMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The one place job commands and job events are built, for every kind and every service. */
public final class JobMessages {
    private JobMessages() {
    }

    /** A new command "run this job, this attempt" (a fresh message id each time it is published). */
    public static JobMessage command(JobTable table, UUID jobId, UUID tenantId, UUID sourceId, int attempt,
            Instant now) {
        return new JobMessage(JobMessage.CURRENT_VERSION, UUID.randomUUID(), jobId, table.kind().wireName(), tenantId,
                sourceId, attempt, now);
    }

    /** A fact about a job: type {@code <kind>.<what>}, e.g. {@code backup.started}. */
    public static JobEvent event(JobTable table, UUID jobId, UUID tenantId, JobFact what, JobState state,
            Instant now, Map<String, Object> data) {
        return new JobEvent(JobEvent.CURRENT_VERSION, UUID.randomUUID(), what.eventType(table.kind()), jobId,
                table.kind().wireName(), tenantId, state.wireName(), now, data);
    }

    /**
     * The data of a {@code backup.requested} event, the same whoever requested the backup (the API, a schedule).
     * Mutable, so a requester can add what is its own (a schedule adds itself).
     */
    public static Map<String, Object> backupRequested(UUID sourceId, String type) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sourceId", sourceId.toString());
        data.put("type", type);
        return data;
    }

    /** {@link #event} at the current time. */
    public static JobEvent event(JobTable table, UUID jobId, UUID tenantId, JobFact what, JobState state,
            Map<String, Object> data) {
        return event(table, jobId, tenantId, what, state, Instant.now(), data);
    }
}
