package io.arca.jobs;

import io.arca.common.job.JobState;

/** What a claim attempt found. Only {@link Outcome#CLAIMED} carries a job. */
public record ClaimResult(Outcome outcome, ClaimedJob job, JobState foundState) {

    public enum Outcome {
        /** This worker now holds the job. */
        CLAIMED,
        /** The row is running elsewhere, finished, or waiting for its backoff: the message changes nothing. */
        NOT_CLAIMABLE,
        /** Another worker claimed it between our read and our guarded update. */
        LOST_RACE,
        /** No such job row: the message is bad and goes to the dead-letter stream. */
        NOT_FOUND,
        /** The row belongs to another tenant than the message says: bad message. */
        TENANT_MISMATCH
    }

    static ClaimResult of(Outcome outcome, JobState state) {
        return new ClaimResult(outcome, null, state);
    }
}
