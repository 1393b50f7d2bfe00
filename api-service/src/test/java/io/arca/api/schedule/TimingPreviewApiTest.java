package io.arca.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/v1/schedule-timings/preview: an unsaved timing's next fire times, and its errors as a schedule's. */
@QuarkusTest
class TimingPreviewApiTest extends ApiTest {
    private static final String PREVIEW = "/api/v1/schedule-timings/preview";

    @Test
    void aCronInAZoneListsFiveFireTimesThatASavedScheduleAgreesWith() {
        TenantKeys tenant = newTenant();
        List<String> times = as(tenant.viewer()).queryParam("cron", "17 3 * * 1").queryParam("timeZone", "Asia/Tokyo")
                .get(PREVIEW).then().statusCode(200)
                .body("cron", equalTo("17 3 * * 1")).body("timeZone", equalTo("Asia/Tokyo"))
                .extract().path("upcoming");
        assertThat(times).hasSize(5);
        for (String time : times) {
            var local = Instant.parse(time).atZone(ZoneId.of("Asia/Tokyo"));
            assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(local.toLocalTime().toString()).isEqualTo("03:17");
        }
    }

    @Test
    void aPresetTakesItsFieldsAsQueryParameters() {
        TenantKeys tenant = newTenant();
        as(tenant.viewer()).queryParam("preset", "monthly").queryParam("day", "31").queryParam("at", "02:30")
                .queryParam("count", "12").get(PREVIEW).then().statusCode(200)
                .body("cron", equalTo("30 2 28-31 * *")).body("timeZone", equalTo("UTC"))
                .body("upcoming.size()", equalTo(12));
    }

    @Test
    void badTimingsAreTheProblemsASchedulesBodyGets() {
        TenantKeys tenant = newTenant();
        as(tenant.viewer()).queryParam("cron", "61 2 * * *").get(PREVIEW).then().statusCode(400)
                .body("type", containsString("invalid-cron")).body("field", equalTo("timing.cron"))
                .body("detail", containsString("field 1 (minute) '61'"));
        as(tenant.viewer()).queryParam("cron", "0 2 * * *").queryParam("timeZone", "Mars/Olympus").get(PREVIEW)
                .then().statusCode(400).body("type", containsString("unknown-time-zone"))
                .body("field", equalTo("timeZone"));
        as(tenant.viewer()).queryParam("preset", "weekly").queryParam("day", "someday").get(PREVIEW).then()
                .statusCode(400).body("type", containsString("invalid-timing")).body("field", equalTo("timing.day"));
        as(tenant.viewer()).queryParam("cron", "0 0 30 2 *").get(PREVIEW).then().statusCode(400)
                .body("detail", containsString("never fires"));
        as(tenant.viewer()).get(PREVIEW).then().statusCode(400).body("field", equalTo("timing"));
        as(tenant.viewer()).queryParam("cron", "0 2 * * *").queryParam("count", "many").get(PREVIEW).then()
                .statusCode(400).body("field", equalTo("count"));
    }
}
