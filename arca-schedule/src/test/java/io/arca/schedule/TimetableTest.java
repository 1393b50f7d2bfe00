package io.arca.schedule;

import static io.arca.schedule.TimetableDstTest.timetable;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Monthly days in short months, weekly and cron timings, counting missed slots. */
class TimetableTest {

    @Test
    void monthly31FiresOnTheLastDayOfShorterMonths() throws Exception {
        Timetable monthly = timetable("{\"preset\":\"monthly\",\"day\":31,\"at\":\"02:30\"}", "UTC");
        assertThat(monthly.timing().cron()).isEqualTo("30 2 28-31 * *");
        assertThat(monthly.upcoming(Instant.parse("2026-01-15T00:00:00Z"), 5)).containsExactly(
                Instant.parse("2026-01-31T02:30:00Z"), Instant.parse("2026-02-28T02:30:00Z"),
                Instant.parse("2026-03-31T02:30:00Z"), Instant.parse("2026-04-30T02:30:00Z"),
                Instant.parse("2026-05-31T02:30:00Z"));
        // leap year: 29 February
        assertThat(monthly.next(Instant.parse("2028-02-01T00:00:00Z"))).isEqualTo("2028-02-29T02:30:00Z");
    }

    @Test
    void monthly29And30() throws Exception {
        Timetable on30 = timetable("{\"preset\":\"monthly\",\"day\":30,\"at\":\"00:00\"}", "UTC");
        assertThat(on30.upcoming(Instant.parse("2026-01-31T00:00:00Z"), 2)).containsExactly(
                Instant.parse("2026-02-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z"));
        Timetable on29 = timetable("{\"preset\":\"monthly\",\"day\":29}", "UTC");
        assertThat(on29.next(Instant.parse("2027-02-01T00:00:00Z"))).isEqualTo("2027-02-28T00:00:00Z");
        assertThat(on29.next(Instant.parse("2028-02-01T00:00:00Z"))).isEqualTo("2028-02-29T00:00:00Z");
        assertThat(on29.previous(Instant.parse("2027-03-15T00:00:00Z"))).isEqualTo("2027-02-28T00:00:00Z");
        Timetable on15 = timetable("{\"preset\":\"monthly\",\"day\":15,\"at\":\"23:59\"}", "UTC");
        assertThat(on15.timing().cron()).isEqualTo("59 23 15 * *");
    }

    @Test
    void weeklyAndCronTimingsInAZone() throws Exception {
        Timetable weekly = timetable("{\"preset\":\"weekly\",\"day\":\"Monday\",\"at\":\"06:00\"}", "America/New_York");
        assertThat(weekly.timing().cron()).isEqualTo("0 6 * * 1");
        // 30 November 2026 is a Monday; EST is UTC-5
        assertThat(weekly.upcoming(Instant.parse("2026-11-27T00:00:00Z"), 2)).containsExactly(
                Instant.parse("2026-11-30T11:00:00Z"), Instant.parse("2026-12-07T11:00:00Z"));
        Timetable cron = timetable("{\"cron\":\"  0   2 * * 1-5 \"}", "UTC");
        assertThat(cron.timing().cron()).isEqualTo("0 2 * * 1-5");
        assertThat(cron.next(Instant.parse("2026-11-27T03:00:00Z"))).isEqualTo("2026-11-30T02:00:00Z");
    }

    @Test
    void countsTheSlotsBetweenTwoTimes() throws Exception {
        Timetable hourly = timetable("{\"preset\":\"hourly\"}", "UTC");
        Instant from = Instant.parse("2026-11-30T00:00:00Z");
        assertThat(hourly.countBetween(from, Instant.parse("2026-11-30T05:00:00Z"), 1000)).isEqualTo(5);
        assertThat(hourly.countBetween(from, Instant.parse("2026-11-30T05:00:01Z"), 1000)).isEqualTo(6);
        assertThat(hourly.countBetween(from, Instant.parse("2026-12-30T00:00:00Z"), 100)).isEqualTo(100);
        assertThat(hourly.previous(Instant.parse("2026-11-30T05:59:59Z"))).isEqualTo("2026-11-30T05:00:00Z");
        assertThat(hourly.previous(Instant.parse("2026-11-30T05:00:00Z"))).isEqualTo("2026-11-30T05:00:00Z");
    }

    @Test
    void aCronThatNeverFiresHasNoNextTime() throws Exception {
        Timetable never = timetable("{\"cron\":\"0 2 30 2 *\"}", "UTC");
        assertThat(never.next(Instant.parse("2026-01-01T00:00:00Z"))).isNull();
        assertThat(never.periodAt(Instant.parse("2026-01-01T00:00:00Z"))).isNull();
    }
}
