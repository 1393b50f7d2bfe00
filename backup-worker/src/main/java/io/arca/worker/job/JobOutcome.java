package io.arca.worker.job;

import io.arca.jobs.CompletionWrites;
import io.arca.jobs.JobColumns;
import java.util.Map;

/**
 * Result columns for the job row, the data of the completed event, what else is written in the transaction that
 * completes the job ({@link CompletionWrites}: a backup's contents, a verification's verdict on its backup), and what
 * runs once the completion was written ({@code afterCompletion}: the metrics of what the job moved, which must not
 * count a job whose lease was lost at the end).
 */
public record JobOutcome(JobColumns result, Map<String, Object> eventData, CompletionWrites alsoOnCompletion,
                         Runnable afterCompletion) {

    public JobOutcome {
        alsoOnCompletion = alsoOnCompletion == null ? CompletionWrites.NONE : alsoOnCompletion;
        afterCompletion = afterCompletion == null ? () -> { } : afterCompletion;
    }

    public JobOutcome(JobColumns result, Map<String, Object> eventData, CompletionWrites alsoOnCompletion) {
        this(result, eventData, alsoOnCompletion, null);
    }

    public JobOutcome(JobColumns result, Map<String, Object> eventData) {
        this(result, eventData, CompletionWrites.NONE, null);
    }

    /** This outcome, with {@code action} to run after its completion was written. */
    public JobOutcome afterCompletion(Runnable action) {
        return new JobOutcome(result, eventData, alsoOnCompletion, action);
    }
}
