package io.arca.scheduler.notify;

import java.time.Instant;

/**
 * How one attempt ended, as the delivery log ({@code notification_attempts}) keeps it.
 *
 * @param status  the HTTP status of the last response (null for email, timeouts, refusals)
 * @param error   why it failed, for a person to read (null when delivered)
 * @param excerpt at most {@link #MAX_EXCERPT} characters of the response body
 */
public record AttemptOutcome(boolean delivered, Integer status, long latencyMs, String error, String excerpt,
                             Instant attemptedAt) {

    /** Characters of a response body kept in the delivery log. */
    public static final int MAX_EXCERPT = 512;

    public static AttemptOutcome delivered(Integer status, long latencyMs, String excerpt, Instant attemptedAt) {
        return new AttemptOutcome(true, status, latencyMs, null, excerpt, attemptedAt);
    }

    public static AttemptOutcome failed(Integer status, long latencyMs, String error, String excerpt,
            Instant attemptedAt) {
        return new AttemptOutcome(false, status, latencyMs, error, excerpt, attemptedAt);
    }

    public String outcomeName() {
        return delivered ? "delivered" : "failed";
    }
}
