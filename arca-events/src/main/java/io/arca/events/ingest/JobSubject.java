package io.arca.events.ingest;

import java.util.Map;

/**
 * What the catalog says a job fact is about: the subject ids of its public events (design: jobId, the kind's own key,
 * backupId, sourceId, scheduleId) and the source's name for messages.
 *
 * @param sourceName null when the job has no source (gc) or its row is gone
 */
public record JobSubject(Map<String, String> ids, String sourceName) {
}
