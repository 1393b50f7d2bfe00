package io.arca.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad timing and zone is refused with its kind, the field to blame and a message saying what is wrong. */
class TimingValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"cron\":\"61 2 * * *\"}           | CRON   | timing.cron   | field 1 (minute) '61'",
            "{\"cron\":\"0 25 * * *\"}           | CRON   | timing.cron   | field 2 (hour) '25'",
            "{\"cron\":\"0 2 32 * *\"}           | CRON   | timing.cron   | field 3 (day-of-month) '32'",
            "{\"cron\":\"0 2 * 13 *\"}           | CRON   | timing.cron   | field 4 (month) '13'",
            "{\"cron\":\"0 2 * * 8\"}            | CRON   | timing.cron   | field 5 (day-of-week) '8'",
            "{\"cron\":\"0 2 * * funday\"}       | CRON   | timing.cron   | field 5 (day-of-week) 'funday'",
            "{\"cron\":\"0 2 L * *\"}            | CRON   | timing.cron   | field 3 (day-of-month) 'L'",
            "{\"cron\":\"0 2 * *\"}              | CRON   | timing.cron   | has 4 fields",
            "{\"cron\":\"0 0 2 * * *\"}          | CRON   | timing.cron   | has 6 fields",
            "{\"cron\":\"\"}                     | CRON   | timing.cron   | has 0 fields",
            "{\"cron\":7}                        | CRON   | timing.cron   | is a string",
            "{\"cron\":\"0 2 * * *\",\"at\":\"02:00\"} | TIMING | timing.at | does not belong",
            "{\"preset\":\"hourly\",\"minute\":60} | TIMING | timing.minute | 0 to 59",
            "{\"preset\":\"hourly\",\"minute\":-1} | TIMING | timing.minute | 0 to 59",
            "{\"preset\":\"hourly\",\"minute\":\"5\"} | TIMING | timing.minute | 0 to 59",
            "{\"preset\":\"daily\",\"at\":\"25:00\"} | TIMING | timing.at    | 00:00 to 23:59",
            "{\"preset\":\"daily\",\"at\":\"02:60\"} | TIMING | timing.at    | 00:00 to 23:59",
            "{\"preset\":\"daily\",\"at\":\"2:30\"}  | TIMING | timing.at    | HH:MM",
            "{\"preset\":\"daily\",\"minute\":5}     | TIMING | timing.minute | does not belong",
            "{\"preset\":\"weekly\",\"day\":\"funday\",\"at\":\"02:30\"} | TIMING | timing.day | weekday name",
            "{\"preset\":\"weekly\",\"at\":\"02:30\"} | TIMING | timing.day   | weekday name",
            "{\"preset\":\"monthly\",\"day\":0}     | TIMING | timing.day    | 1 to 31",
            "{\"preset\":\"monthly\",\"day\":32}    | TIMING | timing.day    | 1 to 31",
            "{\"preset\":\"monthly\",\"day\":\"last\"} | TIMING | timing.day | 1 to 31",
            "{\"preset\":\"yearly\"}                | TIMING | timing.preset | hourly, daily, weekly or monthly",
            "{}                                     | TIMING | timing        | either cron",
            "\"0 2 * * *\"                          | TIMING | timing        | is an object",
    })
    void badTimingsAreRefusedNamingTheField(String timing, InvalidTimingException.Kind kind, String field,
            String message) throws Exception {
        InvalidTimingException e = catchThrowableOfType(InvalidTimingException.class,
                () -> Timing.parse(JSON.readTree(timing)));
        assertThat(e).as(timing).isNotNull();
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(message);
    }

    @ParameterizedTest
    @CsvSource({"Europe/Berln", "Mars/Olympus", "+02:00", "GMT+2", "''"})
    void unknownZonesAreRefused(String zone) {
        InvalidTimingException e = catchThrowableOfType(InvalidTimingException.class, () -> Timetable.zone(zone));
        assertThat(e.kind()).isEqualTo(InvalidTimingException.Kind.ZONE);
        assertThat(e.field()).isEqualTo("timeZone");
        assertThat(e.getMessage()).contains("IANA");
    }
}
