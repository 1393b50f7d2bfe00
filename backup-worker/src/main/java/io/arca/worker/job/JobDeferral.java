package io.arca.worker.job;

/**
 * Thrown by a handler that cannot do its work yet and wants to run again later (a delete job whose backup is still
 * being read): the executor puts the job back ({@code running -> queued}, due after {@link #delaySeconds}, attempt
 * unchanged, see {@code JobClaims.defer}) instead of failing it.
 */
public class JobDeferral extends Exception {
    private final long delaySeconds;
    private final String phase;

    /**
     * @param phase  what the job waits in, shown in its row while queued (e.g. {@code waiting-for-readers})
     * @param reason why, in the deferred event
     */
    public JobDeferral(long delaySeconds, String phase, String reason) {
        super(reason);
        this.delaySeconds = delaySeconds;
        this.phase = phase;
    }

    public long delaySeconds() {
        return delaySeconds;
    }

    public String phase() {
        return phase;
    }
}
