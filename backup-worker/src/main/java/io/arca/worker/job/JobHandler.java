package io.arca.worker.job;

import io.arca.common.job.JobKind;

/** Runs one kind of job after it was claimed. Throw {@link JobFailure} for a failure with a user-facing reason. */
public interface JobHandler {

    JobKind kind();

    /**
     * Does the work. Must check {@link JobContext#throwIfCancelled()} between steps and must not write results
     * itself: the executor writes completion (guarded by the lease) from the returned outcome.
     */
    JobOutcome run(JobContext context) throws Exception;
}
