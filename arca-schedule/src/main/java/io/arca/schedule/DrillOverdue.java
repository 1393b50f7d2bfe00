package io.arca.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one rule for "this source's restore drill is overdue", shared by the API's {@code drillStatus} and the
 * scheduler's {@code arca_source_drill_overdue}: a source whose enabled schedules carry a drill policy is overdue when
 * its newest proof of restorability is older than {@value #OVERDUE_AFTER_PERIODS} periods of its most frequent drill.
 * A whole period of slack lets one failed or slow drill pass before anyone is told: the next one usually proves it.
 */
public final class DrillOverdue {
    /** How many periods of its most frequent drill a source may go without a proven-restorable backup. */
    public static final int OVERDUE_AFTER_PERIODS = 2;

    private DrillOverdue() {
    }

    /** How long a source with this most frequent drill period may go without proof. */
    public static Duration allowedGap(Duration shortestDrill) {
        return shortestDrill.multipliedBy(OVERDUE_AFTER_PERIODS);
    }

    /**
     * @param since         the newest proof of restorability (or, for a source never proven, when the expectation
     *                      started)
     * @param shortestDrill the most frequent drill's period; null: no drill policy, never overdue
     */
    public static boolean isOverdue(Instant since, Duration shortestDrill, Instant now) {
        return since != null && shortestDrill != null
                && Duration.between(since, now).compareTo(allowedGap(shortestDrill)) > 0;
    }

    /**
     * The shortest drill period among ISO-8601 durations given as a JSON array (the {@code every} of each drill policy,
     * as the API validated and stored them); null for none. At an element that cannot be read, the shortest found so
     * far is the answer.
     */
    public static Duration shortestDrill(JsonNode everies) {
        if (everies == null || !everies.isArray()) {
            return null;
        }
        Duration shortest = null;
        try {
            for (JsonNode every : everies) {
                Duration d = Duration.parse(every.asText());
                if (shortest == null || d.compareTo(shortest) < 0) {
                    shortest = d;
                }
            }
        } catch (DateTimeParseException e) {
            return shortest;
        }
        return shortest;
    }
}
