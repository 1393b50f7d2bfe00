package io.arca.pg.restore;

/**
 * Which kind of database a restore goes into; the caller knows (the worker from {@link RestoreTargets#prepare}).
 */
public enum TargetDatabase {
    /**
     * A database the restore job created (or re-created after its own failed attempt): nothing else lives there,
     * so tables load in parallel sessions and a retry starts again from a fresh database.
     */
    NEW,
    /**
     * A database that existed before the job: the whole restore runs as one transaction on one session, so a failure
     * or a killed worker leaves it exactly as it was.
     */
    EXISTING;

    /** {@code CREATED} and {@code RECREATED} are new databases; {@code EXISTING} is existing. */
    public static TargetDatabase of(RestoreTargets.Outcome outcome) {
        return outcome == RestoreTargets.Outcome.EXISTING ? EXISTING : NEW;
    }
}
