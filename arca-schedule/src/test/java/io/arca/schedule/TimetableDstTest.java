package io.arca.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fire times across both daylight-saving transitions, asserted exactly (as UTC instants), in a northern
 * (Europe/Berlin: forward 29 March 2026 02:00 → 03:00, back 25 October 2026 03:00 → 02:00) and a southern zone
 * (Australia/Sydney: back 5 April 2026 03:00 → 02:00, forward 4 October 2026 02:00 → 03:00).
 */
class TimetableDstTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Timetable timetable(String timingJson, String zone) throws Exception {
        return Timetable.of(Timing.parse(JSON.readTree(timingJson)), zone);
    }

    private static List<Instant> instants(String... utc) {
        return java.util.Arrays.stream(utc).map(Instant::parse).toList();
    }

    @Test
    void berlinDaily0230NeitherSkipsNorDoublesWhenClocksSpringForward() throws Exception {
        Timetable daily = timetable("{\"preset\":\"daily\",\"at\":\"02:30\"}", "Europe/Berlin");
        // 28 March 02:30 CET; 29 March 02:30 does not exist: 03:30 CEST (same instant as 02:30 CET); 30 March CEST
        assertThat(daily.upcoming(Instant.parse("2026-03-27T12:00:00Z"), 3))
                .containsExactlyElementsOf(instants("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z",
                        "2026-03-30T00:30:00Z"));
    }

    @Test
    void berlinDaily0230FiresOnceWhenClocksFallBack() throws Exception {
        Timetable daily = timetable("{\"preset\":\"daily\",\"at\":\"02:30\"}", "Europe/Berlin");
        // 25 October: 02:30 CEST (first occurrence) only, not 02:30 CET an hour later
        assertThat(daily.upcoming(Instant.parse("2026-10-23T12:00:00Z"), 3))
                .containsExactlyElementsOf(instants("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z",
                        "2026-10-26T01:30:00Z"));
        assertThat(daily.next(Instant.parse("2026-10-25T00:30:00Z"))).isEqualTo("2026-10-26T01:30:00Z");
    }

    @Test
    void berlinHourlyAcrossBothTransitions() throws Exception {
        Timetable hourly = timetable("{\"preset\":\"hourly\",\"minute\":15}", "Europe/Berlin");
        // forward: 00:15 CET, 01:15 CET, (02:15 does not exist: 03:15 CEST, fired once), 04:15 CEST
        assertThat(hourly.upcoming(Instant.parse("2026-03-28T23:00:00Z"), 4))
                .containsExactlyElementsOf(instants("2026-03-28T23:15:00Z", "2026-03-29T00:15:00Z",
                        "2026-03-29T01:15:00Z", "2026-03-29T02:15:00Z"));
        // back: 01:15 CEST, 02:15 CEST, (02:15 CET is a repeated wall time: not again), 03:15 CET
        assertThat(hourly.upcoming(Instant.parse("2026-10-24T23:00:00Z"), 4))
                .containsExactlyElementsOf(instants("2026-10-24T23:15:00Z", "2026-10-25T00:15:00Z",
                        "2026-10-25T02:15:00Z", "2026-10-25T03:15:00Z"));
    }

    @Test
    void sydneyDaily0230NeitherSkipsNorDoublesAcrossBothTransitions() throws Exception {
        Timetable daily = timetable("{\"preset\":\"daily\",\"at\":\"02:30\"}", "Australia/Sydney");
        // back on 5 April: 02:30 AEDT (+11) once, then AEST (+10)
        assertThat(daily.upcoming(Instant.parse("2026-04-03T00:00:00Z"), 3))
                .containsExactlyElementsOf(instants("2026-04-03T15:30:00Z", "2026-04-04T15:30:00Z",
                        "2026-04-05T16:30:00Z"));
        // forward on 4 October: 02:30 does not exist, 03:30 AEDT
        assertThat(daily.upcoming(Instant.parse("2026-10-02T00:00:00Z"), 3))
                .containsExactlyElementsOf(instants("2026-10-02T16:30:00Z", "2026-10-03T16:30:00Z",
                        "2026-10-04T15:30:00Z"));
    }

    @Test
    void sydneyHourlyAcrossBothTransitions() throws Exception {
        Timetable hourly = timetable("{\"cron\":\"45 * * * *\"}", "Australia/Sydney");
        // back (5 April, 03:00 AEDT = 16:00Z): 01:45 AEDT, 02:45 AEDT, (02:45 AEST repeated), 03:45 AEST
        assertThat(hourly.upcoming(Instant.parse("2026-04-04T14:00:00Z"), 4))
                .containsExactlyElementsOf(instants("2026-04-04T14:45:00Z", "2026-04-04T15:45:00Z",
                        "2026-04-04T17:45:00Z", "2026-04-04T18:45:00Z"));
        // forward (4 October, 02:00 AEST = 16:00Z): 00:45 AEST, 01:45 AEST, 03:45 AEDT, 04:45 AEDT
        assertThat(hourly.upcoming(Instant.parse("2026-10-03T14:00:00Z"), 4))
                .containsExactlyElementsOf(instants("2026-10-03T14:45:00Z", "2026-10-03T15:45:00Z",
                        "2026-10-03T16:45:00Z", "2026-10-03T17:45:00Z"));
    }

    @Test
    void previousInTheRepeatedHourIsTheLastFireOfItsFirstPass() throws Exception {
        Timetable every5 = timetable("{\"cron\":\"*/5 * * * *\"}", "Europe/Berlin");
        // 02:20 CET (second pass): 02:25 ... 02:55 CEST fired in the first pass, and do not fire again
        assertThat(every5.previous(Instant.parse("2026-10-25T01:20:00Z"))).isEqualTo("2026-10-25T00:55:00Z");
        assertThat(every5.next(Instant.parse("2026-10-25T01:20:00Z"))).isEqualTo("2026-10-25T02:00:00Z");
        Timetable hourly = timetable("{\"preset\":\"hourly\",\"minute\":15}", "Europe/Berlin");
        assertThat(hourly.previous(Instant.parse("2026-10-25T01:20:00Z"))).isEqualTo("2026-10-25T00:15:00Z");
    }

    @Test
    void previousDuringTheGapIsNotTheShiftedFireStillToCome() throws Exception {
        Timetable daily = timetable("{\"preset\":\"daily\",\"at\":\"02:30\"}", "Europe/Berlin");
        // 03:10 CEST on 29 March: that day's fire (03:30 CEST) has not happened yet
        assertThat(daily.previous(Instant.parse("2026-03-29T01:10:00Z"))).isEqualTo("2026-03-28T01:30:00Z");
        assertThat(daily.previous(Instant.parse("2026-03-29T01:30:00Z"))).isEqualTo("2026-03-29T01:30:00Z");
    }

    @Test
    void periodAroundNowFollowsTheTransitions() throws Exception {
        Timetable daily = timetable("{\"preset\":\"daily\",\"at\":\"02:30\"}", "Europe/Berlin");
        assertThat(daily.periodAt(Instant.parse("2026-03-29T12:00:00Z"))).isEqualTo(Duration.ofHours(23));
        assertThat(daily.periodAt(Instant.parse("2026-06-01T12:00:00Z"))).isEqualTo(Duration.ofHours(24));
        Timetable hourly = timetable("{\"preset\":\"hourly\"}", "UTC");
        assertThat(hourly.periodAt(Instant.parse("2026-06-01T12:30:00Z"))).isEqualTo(Duration.ofHours(1));
    }
}
