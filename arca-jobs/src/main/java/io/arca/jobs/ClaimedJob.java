package io.arca.jobs;

import java.util.UUID;

/**
 * A job this worker holds: every later write is guarded by {@code worker_id}, {@code attempt} and
 * {@code state = 'running'}, so a worker whose lease was taken over writes nothing.
 */
public record ClaimedJob(JobTable table, UUID id, UUID tenantId, int attempt, String workerId) {

    public String describe() {
        return table.kind().wireName() + " " + id + " attempt " + attempt;
    }
}
