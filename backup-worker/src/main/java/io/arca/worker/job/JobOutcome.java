package io.arca.worker.job;

import io.arca.jobs.CompletionWrites;
import io.arca.jobs.JobColumns;
import java.util.Map;

/**
 * Result columns for the job row, the data of the completed event, and what else is written in the transaction that
 * completes the job ({@link CompletionWrites}: a backup's contents, a verification's verdict on its backup).
 */
public record JobOutcome(JobColumns result, Map<String, Object> eventData, CompletionWrites alsoOnCompletion) {

    public JobOutcome {
        alsoOnCompletion = alsoOnCompletion == null ? CompletionWrites.NONE : alsoOnCompletion;
    }

    public JobOutcome(JobColumns result, Map<String, Object> eventData) {
        this(result, eventData, CompletionWrites.NONE);
    }
}
