package io.arca.worker.job;

/**
 * A job failed for a reason the user should read in the job's {@code error} (unreachable source, wrong password,
 * object store unavailable, ...). The message is stored as is: it must not contain secrets.
 */
public class JobFailure extends Exception {
    private final String reason;

    public JobFailure(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public JobFailure(String reason, String message) {
        this(reason, message, null);
    }

    /** Stable machine-readable reason, e.g. {@code source-unreachable}. */
    public String reason() {
        return reason;
    }

    /** What goes into the row's error column: {@code "<reason>: <message>"}. */
    public String errorText() {
        return reason + ": " + getMessage();
    }
}
