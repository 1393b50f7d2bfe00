package io.arca.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * The one rule for "this source's backups are late", shared by the API's recovery point ({@code rpoStatus: late}) and
 * the scheduler's {@code backup.late} event: a source with enabled schedules is late when its newest successful backup
 * is older than {@value #LATE_AFTER_PERIODS} periods of its most frequent schedule. Half a period of slack absorbs a
 * slow or queued backup without calling every schedule late the moment its next fire is due.
 */
public final class Lateness {
    /** How many periods of its most frequent schedule a source may go without a successful backup. */
    public static final double LATE_AFTER_PERIODS = 1.5;

    /**
     * The SQL condition (on a {@code backups} row aliased {@code b}) of a successful backup, i.e. a recovery point:
     * completed, not corrupted, not deleted, and not a restore's safety backup (that holds a restore target's
     * overwritten tables, maybe of another database).
     */
    public static final String SUCCESSFUL_BACKUP = "b.state = 'completed' and not b.corrupted "
            + "and b.lifecycle = 'live' and b.origin <> 'safety'";

    private Lateness() {
    }

    /** How long a source with this most frequent schedule period may go without a successful backup. */
    public static Duration allowedGap(Duration shortestPeriod) {
        return Duration.ofMillis((long) (shortestPeriod.toMillis() * LATE_AFTER_PERIODS));
    }

    /**
     * @param since          the newest successful backup's end (or, for a source that never had one, when the
     *                       expectation started)
     * @param shortestPeriod the most frequent enabled schedule's period; null: no enabled schedule, never late
     */
    public static boolean isLate(Instant since, Duration shortestPeriod, Instant now) {
        return since != null && shortestPeriod != null
                && Duration.between(since, now).compareTo(allowedGap(shortestPeriod)) > 0;
    }

    /**
     * The shortest period around {@code now} among schedules given as a JSON array of {@code [timing, zone]} pairs (as
     * the catalog stores them); null for none. What the API stored was validated: at an element that cannot be read,
     * the shortest found so far is the answer.
     */
    public static Duration shortestPeriod(JsonNode schedules, Instant now) {
        if (schedules == null || !schedules.isArray()) {
            return null;
        }
        Duration shortest = null;
        try {
            for (JsonNode schedule : schedules) {
                Duration d = Timetable.of(Timing.parse(schedule.get(0)), schedule.get(1).asText()).periodAt(now);
                if (d != null && (shortest == null || d.compareTo(shortest) < 0)) {
                    shortest = d;
                }
            }
        } catch (RuntimeException e) {
            return shortest;
        }
        return shortest;
    }
}
