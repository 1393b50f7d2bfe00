package io.arca.jobs.progress;

import io.arca.jobs.JobColumns;
import java.util.Map;

/** Live counters of a running job, read by the lease keeper when it writes progress. Must be thread-safe. */
public interface ProgressSource {

    /** Increases whenever a counter changes, so unchanged progress is not written again. */
    long changeCount();

    /** Column values for the job row. */
    JobColumns columns();

    /** Data of the progress event. */
    Map<String, Object> eventData();
}
