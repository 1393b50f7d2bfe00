package io.arca.worker.intake;

/**
 * Why a job record was dead-lettered, as the bounded {@code reason} label of {@code arca_dead_letters_total} (the
 * dead letter itself carries the full text).
 */
public enum DeadLetterReason {
    /** Empty, not JSON, not an object, or a required field missing or not a UUID. */
    MALFORMED("malformed"),
    /** A message version this worker does not read. */
    UNSUPPORTED_VERSION("unsupported-version"),
    /** A job kind Arca does not know. */
    UNKNOWN_KIND("unknown-kind"),
    /** A known job kind this worker has no handler for. */
    UNSUPPORTED_KIND("unsupported-kind"),
    /** No job row with that id. */
    UNKNOWN_JOB("unknown-job"),
    /** The tenant named in the message does not own the job. */
    TENANT_MISMATCH("tenant-mismatch");

    private final String label;

    DeadLetterReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
