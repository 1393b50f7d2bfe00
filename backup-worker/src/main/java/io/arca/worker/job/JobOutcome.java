package io.arca.worker.job;

import io.arca.jobs.Columns;
import java.util.Map;

/** Result columns for the job row and the data of the completed event. */
public record JobOutcome(Columns result, Map<String, Object> eventData) {
}
