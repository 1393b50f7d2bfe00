package io.arca.worker.job;

import io.arca.jobs.JobColumns;
import java.util.Map;

/** Result columns for the job row and the data of the completed event. */
public record JobOutcome(JobColumns result, Map<String, Object> eventData) {
}
