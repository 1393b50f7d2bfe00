package io.arca.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven GFS test: a year of hourly backups with gaps ({@link YearOfBackups}), several policies, and exactly the
 * set of backups each must keep, derived from the calendar.
 */
class RetentionEvaluatorYearTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-12-01T00:05:00Z");
    private static final Function<ZonedDateTime, String> HOUR = t -> t.toLocalDateTime().withMinute(0).toString();
    private static final Function<ZonedDateTime, String> DAY = t -> t.toLocalDate().toString();
    private static final Function<ZonedDateTime, String> WEEK =
            t -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR) * 100 + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    private static final Function<ZonedDateTime, String> MONTH = t -> YearMonth.from(t).toString();
    private static final Function<ZonedDateTime, String> YEAR = t -> Integer.toString(t.getYear());

    /** How a case derives its survivors from the year (the pins of the case already applied). */
    interface Expected extends Function<YearOfBackups, Set<Instant>> {
    }

    private static RetentionPolicy policy(Integer last, Integer hourly, Integer daily, Integer weekly, Integer monthly,
            Integer yearly, String within, Integer minKeep) {
        return new RetentionPolicy(last, hourly, daily, weekly, monthly, yearly, within, minKeep).validated();
    }

    private static Instant at(String t) {
        return Instant.parse(t);
    }

    static Stream<Arguments> policies() {
        Instant pinnedNewest = YearOfBackups.NEWEST;
        Instant pinnedMarch = at("2026-03-15T08:17:00Z");
        return Stream.of(
                Arguments.of("keepLast 5", policy(5, null, null, null, null, null, null, null), UTC, NOW, Set.of(),
                        (Expected) y -> y.newest(5)),
                Arguments.of("keepHourly 30 (spans the lost day: hours that have a backup)",
                        policy(null, 30, null, null, null, null, null, null), UTC, NOW, Set.of(),
                        (Expected) y -> y.newestPerBucket(30, UTC, HOUR)),
                Arguments.of("keepDaily 7 skips the lost day 2026-11-28",
                        policy(null, null, 7, null, null, null, null, null), UTC, NOW, Set.of(),
                        (Expected) y -> y.newestPerBucket(7, UTC, DAY)),
                Arguments.of("keepDaily 7 in Europe/Berlin: 23:17Z is 00:17 of the next local day",
                        policy(null, null, 7, null, null, null, null, null), BERLIN, NOW, Set.of(),
                        (Expected) y -> y.newestPerBucket(7, BERLIN, DAY)),
                Arguments.of("keepWeekly 20 skips the holiday's ISO weeks 32 and 33",
                        policy(null, null, null, 20, null, null, null, null), UTC, NOW, Set.of(),
                        (Expected) y -> y.newestPerBucket(20, UTC, WEEK)),
                Arguments.of("keepMonthly 24: only 13 months exist, so the oldest backup is kept too",
                        policy(null, null, null, null, 24, null, null, null), UTC, NOW, Set.of(),
                        (Expected) y -> y.newestPerBucket(24, UTC, MONTH)),
                Arguments.of("GFS 7 daily, 4 weekly, 12 monthly, 3 yearly",
                        policy(null, null, 7, 4, 12, 3, null, null), UTC, NOW, Set.of(),
                        (Expected) y -> YearOfBackups.union(y.newestPerBucket(7, UTC, DAY),
                                y.newestPerBucket(4, UTC, WEEK), y.newestPerBucket(12, UTC, MONTH),
                                y.newestPerBucket(3, UTC, YEAR))),
                Arguments.of("keepWithin PT36H is measured from the newest backup; exactly 36 h older is out",
                        policy(null, null, null, null, null, null, "PT36H", null), UTC, NOW, Set.of(),
                        (Expected) y -> after(y, YearOfBackups.NEWEST.minusSeconds(36 * 3600))),
                Arguments.of("keepWithin P1D twenty days after the last backup still keeps that last day",
                        policy(null, null, null, null, null, null, "P1D", null), UTC, at("2026-12-20T00:00:00Z"),
                        Set.of(), (Expected) y -> after(y, YearOfBackups.NEWEST.minusSeconds(24 * 3600))),
                Arguments.of("keepWithin P3D reaches back over the lost day",
                        policy(null, null, null, null, null, null, "P3D", null), UTC, NOW, Set.of(),
                        (Expected) y -> after(y, at("2026-11-27T23:17:00Z"))),
                Arguments.of("keepDaily 1 with minKeep 5 keeps the newest five",
                        policy(null, null, 1, null, null, null, null, 5), UTC, NOW, Set.of(),
                        (Expected) y -> y.newest(5)),
                Arguments.of("minKeep 3 alone keeps the newest three",
                        policy(null, null, null, null, null, null, null, 3), UTC, NOW, Set.of(),
                        (Expected) y -> y.newest(3)),
                Arguments.of("minKeep below what the rules keep changes nothing",
                        policy(null, null, 7, null, null, null, null, 2), UTC, NOW, Set.of(),
                        (Expected) y -> y.newestPerBucket(7, UTC, DAY)),
                Arguments.of("pins are kept and take no bucket: the pinned newest leaves 2026-11-30 to 22:17",
                        policy(null, null, 7, null, null, null, null, null), UTC, NOW,
                        Set.of(pinnedNewest, pinnedMarch),
                        (Expected) y -> YearOfBackups.union(y.newestPerBucket(7, UTC, DAY),
                                Set.of(pinnedNewest, pinnedMarch))),
                Arguments.of("pins do not count for minKeep or as the newest for keepWithin",
                        policy(1, null, null, null, null, null, "PT2H", 4), UTC, NOW, Set.of(pinnedNewest),
                        (Expected) y -> YearOfBackups.union(y.newest(4), Set.of(pinnedNewest))));
    }

    private static Set<Instant> after(YearOfBackups y, Instant threshold) {
        return y.unpinned().stream().map(RetentionCandidate::time).filter(t -> t.isAfter(threshold))
                .collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void keepsExactlyTheCalendarsSurvivors(String name, RetentionPolicy policy, ZoneId zone, Instant now,
            Set<Instant> pins, Expected expected) {
        YearOfBackups year = new YearOfBackups(pins);

        List<RetentionVerdict> verdicts = RetentionEvaluator.evaluate(policy, zone, now, year.newestFirst);

        Set<Instant> kept = verdicts.stream().filter(RetentionVerdict::keep).map(RetentionVerdict::time)
                .collect(Collectors.toSet());
        Set<Instant> want = expected.apply(year);
        assertThat(new HashSet<>(kept)).as(name).isEqualTo(want);
        assertThat(verdicts).hasSize(year.newestFirst.size());
        assertThat(verdicts).as("newest first").isSortedAccordingTo((a, b) -> b.time().compareTo(a.time()));
        assertThat(verdicts).allSatisfy(v -> assertThat(v.keep()).isEqualTo(!v.rules().isEmpty()));
        assertThat(verdicts).filteredOn(RetentionVerdict::pinned)
                .allSatisfy(v -> assertThat(v.rules()).containsExactly("pinned"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void inputOrderDoesNotMatter(String name, RetentionPolicy policy, ZoneId zone, Instant now, Set<Instant> pins,
            Expected expected) {
        YearOfBackups year = new YearOfBackups(pins);
        List<RetentionCandidate> oldestFirst = year.newestFirst.reversed();

        Set<Instant> kept = RetentionEvaluator.evaluate(policy, zone, now, oldestFirst).stream()
                .filter(RetentionVerdict::keep).map(RetentionVerdict::time).collect(Collectors.toSet());

        assertThat(kept).as(name).isEqualTo(expected.apply(year));
    }

    @Test
    void rulesNameTheBucketsThatKeepEachBackup() {
        YearOfBackups year = new YearOfBackups(Set.of());
        RetentionPolicy gfs = policy(2, 2, 7, 4, 12, 3, "PT1H", null);

        Map<Instant, List<String>> rules = RetentionEvaluator.evaluate(gfs, UTC, NOW, year.newestFirst).stream()
                .filter(RetentionVerdict::keep).collect(Collectors.toMap(RetentionVerdict::time, RetentionVerdict::rules));

        assertThat(rules.get(YearOfBackups.NEWEST)).containsExactly("within", "last", "hourly 2026-11-30T23",
                "daily 2026-11-30", "weekly 2026-W49", "monthly 2026-11", "yearly 2026");
        assertThat(rules.get(at("2026-11-30T22:17:00Z"))).containsExactly("last", "hourly 2026-11-30T22");
        assertThat(rules.get(at("2026-11-29T23:17:00Z"))).containsExactly("daily 2026-11-29", "weekly 2026-W48");
        assertThat(rules.get(at("2026-11-27T23:17:00Z"))).containsExactly("daily 2026-11-27");
        assertThat(rules.get(at("2026-08-31T23:17:00Z"))).containsExactly("monthly 2026-08");
        assertThat(rules.get(at("2025-12-31T23:17:00Z"))).containsExactly("monthly 2025-12", "yearly 2025");
        assertThat(rules.get(YearOfBackups.FIRST)).as("two years exist, three asked for: the oldest is kept")
                .containsExactly("oldest yearly 2025");
    }
}
