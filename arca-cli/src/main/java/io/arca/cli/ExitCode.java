package io.arca.cli;

/**
 * The exit codes of {@code arca}, documented in docs/cli.md. A script can tell "the job failed" from "the request was
 * refused" from "the server is down" without parsing text.
 */
public final class ExitCode {
    /** Done (for --wait: the job completed). */
    public static final int OK = 0;
    /** The job ran and failed (or was cancelled): --wait, repo verify finding damage. */
    public static final int JOB_FAILED = 1;
    /** Bad flags or arguments, missing configuration, or the API refused the request as asked (400, 409, 412, 422). */
    public static final int USAGE = 2;
    /** No key, a wrong or revoked key, a role too low (401, 403), or a master key that cannot unwrap a tenant key. */
    public static final int AUTH = 3;
    /** No such source, backup, schedule, ... (404, 410). */
    public static final int NOT_FOUND = 4;
    /** The API or the object store could not be reached or failed (5xx, connection refused, timeout). */
    public static final int SERVER = 5;

    private ExitCode() {
    }

    /** The exit code for an HTTP error status from the API. */
    public static int ofStatus(int status) {
        if (status == 401 || status == 403) {
            return AUTH;
        }
        if (status == 404 || status == 410) {
            return NOT_FOUND;
        }
        if (status >= 400 && status < 500) {
            return USAGE;
        }
        return SERVER;
    }
}
