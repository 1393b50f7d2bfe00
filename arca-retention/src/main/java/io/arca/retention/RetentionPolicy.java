package io.arca.retention;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Which completed backups of a schedule (or of a source's unscheduled backups) to keep; everything else expires.
 * The rules are restic's {@code forget} rules: a backup is kept when any rule keeps it. Counts are absent (null) or
 * 0 when a rule is unused. The JSON shape is this record's ({@code {"keepDaily": 7, "keepWithin": "P2D", ...}}).
 *
 * @param keepLast    the newest n backups
 * @param keepHourly  the newest backup of each of the last n hours that have one (in the policy's time zone)
 * @param keepDaily   ... of each of the last n days that have one
 * @param keepWeekly  ... of each of the last n ISO weeks that have one
 * @param keepMonthly ... of each of the last n months that have one
 * @param keepYearly  ... of each of the last n years that have one
 * @param keepWithin  every backup younger than this ISO-8601 duration ({@code PT36H}, {@code P30D}), measured from
 *                    the newest backup's time, as restic does, so a source that stopped backing up keeps its last ones
 * @param minKeep     never keep fewer than the newest n, whatever the rules say
 */
public record RetentionPolicy(Integer keepLast, Integer keepHourly, Integer keepDaily, Integer keepWeekly,
                              Integer keepMonthly, Integer keepYearly, String keepWithin, Integer minKeep) {

    /** The largest count a rule accepts: a hundred years of hourly backups is more than anyone keeps. */
    public static final int MAX_COUNT = 1_000_000;
    /** The longest keepWithin accepted. */
    public static final Duration MAX_WITHIN = Duration.ofDays(36_500);

    /**
     * Checks the policy and returns it.
     *
     * @throws InvalidRetentionPolicyException a negative or absurd count, an unreadable or non-positive duration, or a
     *                                         policy that keeps nothing without an explicit {@code minKeep} of 1 or more
     */
    public RetentionPolicy validated() {
        count("keepLast", keepLast);
        count("keepHourly", keepHourly);
        count("keepDaily", keepDaily);
        count("keepWeekly", keepWeekly);
        count("keepMonthly", keepMonthly);
        count("keepYearly", keepYearly);
        count("minKeep", minKeep);
        within();
        if (!hasKeepRule() && n(minKeep) < 1) {
            throw new InvalidRetentionPolicyException("keepLast", "this policy keeps nothing: give at least one "
                    + "keep rule (keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly, keepWithin), "
                    + "or minKeep of 1 or more to say that keeping only the newest is meant");
        }
        return this;
    }

    /** True when some rule other than {@code minKeep} keeps backups. */
    public boolean hasKeepRule() {
        return n(keepLast) + n(keepHourly) + n(keepDaily) + n(keepWeekly) + n(keepMonthly) + n(keepYearly) > 0
                || keepWithin != null;
    }

    /** The rules in use, for people and logs: {@code keepDaily 7, keepWeekly 4, keepWithin P2D, minKeep 1}. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        rule(s, "keepLast", keepLast);
        rule(s, "keepHourly", keepHourly);
        rule(s, "keepDaily", keepDaily);
        rule(s, "keepWeekly", keepWeekly);
        rule(s, "keepMonthly", keepMonthly);
        rule(s, "keepYearly", keepYearly);
        if (keepWithin != null) {
            s.append(s.isEmpty() ? "" : ", ").append("keepWithin ").append(keepWithin);
        }
        rule(s, "minKeep", minKeep);
        return s.toString();
    }

    private static void rule(StringBuilder s, String name, Integer count) {
        if (n(count) > 0) {
            s.append(s.isEmpty() ? "" : ", ").append(name).append(' ').append(count);
        }
    }

    /** keepWithin as a duration, or null when unused. */
    public Duration within() {
        if (keepWithin == null) {
            return null;
        }
        Duration d;
        try {
            d = Duration.parse(keepWithin);
        } catch (DateTimeParseException e) {
            throw new InvalidRetentionPolicyException("keepWithin", "keepWithin must be an ISO-8601 duration in days, "
                    + "hours or minutes (PT36H, P30D), not '" + keepWithin + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new InvalidRetentionPolicyException("keepWithin", "keepWithin must be positive, not " + keepWithin);
        }
        if (d.compareTo(MAX_WITHIN) > 0) {
            throw new InvalidRetentionPolicyException("keepWithin", "keepWithin must be at most P36500D");
        }
        return d;
    }

    /** A count rule's value, 0 when unused. */
    public static int n(Integer count) {
        return count == null ? 0 : count;
    }

    private static void count(String field, Integer value) {
        if (value != null && (value < 0 || value > MAX_COUNT)) {
            throw new InvalidRetentionPolicyException(field, field + " must be between 0 and " + MAX_COUNT
                    + ", not " + value);
        }
    }
}
