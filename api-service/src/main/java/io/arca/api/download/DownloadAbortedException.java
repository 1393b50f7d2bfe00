package io.arca.api.download;

/**
 * A download stopped after its response had begun: the connection is closed already (the client sees a short or
 * unterminated body), so nothing is sent for it. {@code outcome} is what the audit recorded.
 */
final class DownloadAbortedException extends RuntimeException {
    private final String outcome;

    DownloadAbortedException(String outcome, Throwable cause) {
        super("download aborted: " + outcome, cause, false, false);
        this.outcome = outcome;
    }

    String outcome() {
        return outcome;
    }
}
