package io.arca.jobs;

import io.arca.common.job.JobKind;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every fact a job publishes on {@code backup.events}, as {@code <kind>.<fact>}: the one list of what can be said
 * about a job. {@link JobMessages#event} takes only these, so the public event catalogue (io.arca.events.EventType)
 * can be checked against every fact the code is able to emit. The platform's own writes (claim, heartbeat, complete,
 * fail, defer, re-queue, cancel, record) are generic over the job kind, so their facts apply to every kind; a fact a
 * single kind's code writes names that kind.
 */
public enum JobFact {
    /** The job was recorded (API or scheduler); {@code PendingJobs}, the API's {@code JobRecorder}. */
    REQUESTED,
    /** A worker claimed it; {@code JobClaims.claim}. */
    STARTED,
    /** Progress counters while running; {@code JobClaims.heartbeat}. */
    PROGRESS,
    /** The job waits and runs again later, attempt unchanged; {@code JobClaims.defer}. */
    DEFERRED,
    /**
     * The job was put back for another worker: its lease expired (attempt + 1; {@code OrphanedJobs.requeue}) or its
     * worker released it while shutting down (attempt unchanged; {@code JobClaims.release}); {@code data.reason} says
     * which.
     */
    REQUEUED,
    /** {@code JobClaims.complete}. */
    COMPLETED,
    /** {@code JobClaims.fail}, {@code OrphanedJobs.fail} (after the last attempt). */
    FAILED,
    /** Stopped before it finished; {@code JobCancellation}. */
    CANCELLED,
    /** Retention expired a backup (the scheduler's {@code BackupExpiry}); a delete job follows. */
    EXPIRING(JobKind.BACKUP),
    /** A delete job removed a backup's data (keyed by the backup). */
    DELETED(JobKind.BACKUP);

    private final Set<JobKind> kinds;

    JobFact() {
        this.kinds = EnumSet.allOf(JobKind.class);
    }

    JobFact(JobKind only) {
        this.kinds = EnumSet.of(only);
    }

    /** The second half of the event type, e.g. {@code started}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kinds whose jobs may publish this fact. */
    public Set<JobKind> kinds() {
        return kinds;
    }

    /** The event type of this fact about a job of {@code kind}, e.g. {@code backup.started}. */
    public String eventType(JobKind kind) {
        if (!kinds.contains(kind)) {
            throw new IllegalArgumentException(kind.wireName() + " jobs do not publish " + wireName()
                    + " (add the kind to JobFact." + name() + " and the type to the event catalogue)");
        }
        return kind.wireName() + "." + wireName();
    }
}
