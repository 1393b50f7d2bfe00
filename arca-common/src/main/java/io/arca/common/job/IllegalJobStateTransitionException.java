package io.arca.common.job;

/** A job was asked to move to a state its current state does not allow (see {@link JobState#allowedNext()}). */
public class IllegalJobStateTransitionException extends IllegalStateException {
    private final JobState from;
    private final JobState to;

    public IllegalJobStateTransitionException(JobState from, JobState to) {
        super("job cannot move from " + from.wireName() + " to " + to.wireName());
        this.from = from;
        this.to = to;
    }

    public JobState from() {
        return from;
    }

    public JobState to() {
        return to;
    }
}
