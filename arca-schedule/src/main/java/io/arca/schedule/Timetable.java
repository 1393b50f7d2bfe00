package io.arca.schedule;

import com.cronutils.model.time.ExecutionTime;
import io.arca.schedule.InvalidTimingException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fire times of a {@link Timing} in an IANA time zone. The cron expression is matched against wall-clock times
 * of the zone (cron-utils evaluates it on local date-times); each matching wall time is then placed on the time line:
 * <ul>
 * <li><b>spring forward</b> (a wall time that does not exist, e.g. 02:30 on the last Sunday of March in Berlin): it
 * fires at the same offset after the transition, i.e. shifted by the length of the gap (03:30), which is
 * java.time's resolution. A shifted time that coincides with a regular one (hourly at :15 → 03:15) fires once.</li>
 * <li><b>fall back</b> (a wall time that happens twice): it fires once, at its first occurrence (the earlier
 * offset). An hourly timing therefore fires once in the repeated hour: two real hours lie between its fires
 * around the transition.</li>
 * <li><b>short months</b>: see {@link Timing} (a monthly day 29-31 fires on the month's last day when the month is
 * shorter).</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class Timetable {
    /** Cron matches examined at most per question; a timing that needs more never fires in practice. */
    private static final int MAX_STEPS = 10_000;

    private final Timing timing;
    private final ZoneId zone;
    private final ExecutionTime execution;

    private Timetable(Timing timing, ZoneId zone) {
        this.timing = timing;
        this.zone = zone;
        this.execution = ExecutionTime.forCron(CronExpressions.parse(timing.cron()));
    }

    /** @throws InvalidTimingException for an unknown zone (kind ZONE, field {@code timeZone}) */
    public static Timetable of(Timing timing, String timeZone) {
        return new Timetable(timing, zone(timeZone));
    }

    /** An IANA region id ({@code Europe/Berlin}, {@code UTC}); fixed offsets and abbreviations are refused. */
    public static ZoneId zone(String id) {
        if (id == null || !ZoneId.getAvailableZoneIds().contains(id)) {
            throw new InvalidTimingException(Kind.ZONE, "timeZone", "timeZone must be an IANA time zone such as "
                    + "Europe/Berlin or UTC, not " + (id == null ? "null" : "'" + id + "'"));
        }
        return ZoneId.of(id);
    }

    public Timing timing() {
        return timing;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire time strictly after {@code after}; null when the timing never fires again. */
    public Instant next(Instant after) {
        LocalDateTime cursor = after.atZone(zone).toLocalDateTime();
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<ZonedDateTime> match = execution.nextExecution(cursor.atZone(ZoneOffset.UTC));
            if (match.isEmpty()) {
                return null;
            }
            cursor = match.get().toLocalDateTime();
            Instant at = fireTime(cursor);
            // a match at or before 'after' is a repeated wall time that fired in its first occurrence
            if (at != null && at.isAfter(after)) {
                return at;
            }
        }
        return null;
    }

    /** The last fire time at or before {@code atOrBefore}; null when there was none. */
    public Instant previous(Instant atOrBefore) {
        ZonedDateTime now = atOrBefore.atZone(zone);
        // exclusive bound: the next whole minute, so a match in the current minute counts
        LocalDateTime cursor = now.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZoneOffsetTransition transition = zone.getRules().getTransition(now.toLocalDateTime());
        if (transition != null && transition.isOverlap() && now.getOffset().equals(transition.getOffsetAfter())) {
            // in the second pass of a repeated hour: every wall time of that hour fired in the first pass
            cursor = transition.getDateTimeBefore();
        }
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<ZonedDateTime> match = execution.lastExecution(cursor.atZone(ZoneOffset.UTC));
            if (match.isEmpty()) {
                return null;
            }
            LocalDateTime wall = match.get().toLocalDateTime();
            cursor = wall.isBefore(cursor) ? wall : cursor.minusMinutes(1);
            Instant at = fireTime(wall);
            // a wall time in a spring-forward gap fires after the gap: not yet, when 'atOrBefore' is in it
            if (at != null && !at.isAfter(atOrBefore)) {
                return at;
            }
        }
        return null;
    }

    /** The next {@code count} fire times after {@code after} (fewer when the timing stops firing). */
    public List<Instant> upcoming(Instant after, int count) {
        List<Instant> times = new ArrayList<>(count);
        Instant at = after;
        while (times.size() < count && (at = next(at)) != null) {
            times.add(at);
        }
        return times;
    }

    /**
     * The gap between the fire times around {@code now} (the last at or before it and the next after it); when it
     * never fired before, the gap between its next two. Null when it does not fire twice more.
     */
    public Duration periodAt(Instant now) {
        Instant before = previous(now);
        Instant after = next(now);
        if (before == null && after != null) {
            before = after;
            after = next(after);
        }
        return before == null || after == null ? null : Duration.between(before, after);
    }

    /** How many fire times lie in {@code [from, before)}, counting at most {@code cap}. */
    public int countBetween(Instant from, Instant before, int cap) {
        int count = 0;
        Instant at = next(from.minusNanos(1));
        while (at != null && at.isBefore(before) && count < cap) {
            count++;
            at = next(at);
        }
        return count;
    }

    /** Where a matching wall time fires, or null when it is a monthly candidate day that is not the day. */
    private Instant fireTime(LocalDateTime wall) {
        if (!firesOn(wall.toLocalDate())) {
            return null;
        }
        return ZonedDateTime.ofLocal(wall, zone, null).toInstant();
    }

    private boolean firesOn(LocalDate date) {
        Integer day = timing.monthDay();
        return day == null || date.getDayOfMonth() == Math.min(day, date.lengthOfMonth());
    }
}
