package io.arca.common.job;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life cycle of every Arca job (backup, restore, later verify/delete/gc), and the only place that says
 * which transitions are allowed. Services call {@link #checkTransition} before they write a new state, so an
 * illegal move is an exception rather than a silent overwrite (the row's optimistic version guards races).
 *
 * <pre>
 *   pending ──► running ──► completed
 *      │  ▲        │ │
 *      │  └ queued ◄┘ └──► failed      (queued: re-queued after a lost lease, attempt + 1; deferred, or
 *      │                                released by a worker shutting down: attempt unchanged)
 *      └────────► cancelled / failed   (before a worker claimed it)
 * </pre>
 */
public enum JobState {
    /** Recorded by the API, job message in the outbox or on the topic, no worker has claimed it. */
    PENDING,
    /**
     * Back in the queue, waiting for a worker like PENDING: re-queued by orphan recovery after its worker's lease
     * expired (attempt + 1), deferred by its handler, or released by its worker at shutdown (attempt unchanged).
     */
    QUEUED,
    /** Claimed by a worker that holds a lease and heartbeats. */
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    private static final Set<JobState> TERMINAL = EnumSet.of(COMPLETED, FAILED, CANCELLED);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** True for the states a worker may claim from. */
    public boolean isClaimable() {
        return this == PENDING || this == QUEUED;
    }

    public Set<JobState> allowedNext() {
        return switch (this) {
            case PENDING, QUEUED -> EnumSet.of(RUNNING, CANCELLED, FAILED);
            case RUNNING -> EnumSet.of(COMPLETED, FAILED, QUEUED, CANCELLED);
            case COMPLETED, FAILED, CANCELLED -> EnumSet.noneOf(JobState.class);
        };
    }

    /** The states that may move to {@code target}: the guard of every SQL update that writes {@code target}. */
    public static Set<JobState> statesBefore(JobState target) {
        Set<JobState> from = EnumSet.noneOf(JobState.class);
        for (JobState s : values()) {
            if (s.canMoveTo(target)) {
                from.add(s);
            }
        }
        return from;
    }

    public boolean canMoveTo(JobState next) {
        return allowedNext().contains(next);
    }

    /** @throws IllegalJobStateTransitionException when {@code next} is not allowed from this state */
    public void checkTransition(JobState next) {
        if (!canMoveTo(next)) {
            throw new IllegalJobStateTransitionException(this, next);
        }
    }

    /** The lower-case name used in the API, the catalog and messages ({@code "pending"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromWireName(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown job state: " + value);
        }
    }
}
