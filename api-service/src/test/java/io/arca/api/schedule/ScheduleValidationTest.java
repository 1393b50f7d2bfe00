package io.arca.api.schedule;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad schedule gets a 400 (or 404) problem naming its field and saying what is wrong; never a 500. */
@QuarkusTest
class ScheduleValidationTest extends ApiTest {
    private TenantKeys tenant;
    private String sourceId;

    @BeforeEach
    void tenantWithSource() {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
    }

    private String body(String fragment) {
        String timing = fragment.contains("\"timing\"") ? "" : "\"timing\":{\"preset\":\"daily\"},";
        return "{\"name\":\"nightly\",\"sourceId\":\"" + sourceId + "\"," + timing + fragment + "}";
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            // invalid cron: the detail names the field and its position
            "\"timing\":{\"cron\":\"61 2 * * *\"}     | invalid-cron      | timing.cron   | field 1 (minute) '61'",
            "\"timing\":{\"cron\":\"0 2 * * 9\"}      | invalid-cron      | timing.cron   | field 5 (day-of-week) '9'",
            "\"timing\":{\"cron\":\"0 2 * *\"}        | invalid-cron      | timing.cron   | has 4 fields",
            "\"timing\":{\"cron\":\"0 2 30 2 *\"}     | invalid-cron      | timing.cron   | never fires",
            "\"timeZone\":\"Europe/Berln\"            | unknown-time-zone | timeZone      | IANA time zone",
            "\"timeZone\":\"+02:00\"                  | unknown-time-zone | timeZone      | IANA time zone",
            // impossible presets
            "\"timing\":{\"preset\":\"hourly\",\"minute\":60}     | invalid-timing | timing.minute | 0 to 59",
            "\"timing\":{\"preset\":\"daily\",\"at\":\"25:00\"}   | invalid-timing | timing.at     | 00:00 to 23:59",
            "\"timing\":{\"preset\":\"monthly\",\"day\":0}        | invalid-timing | timing.day    | 1 to 31",
            "\"timing\":{\"preset\":\"monthly\",\"day\":32}       | invalid-timing | timing.day    | 1 to 31",
            "\"timing\":{\"preset\":\"weekly\",\"day\":\"someday\"} | invalid-timing | timing.day  | weekday name",
            "\"timing\":{\"preset\":\"fortnightly\"}              | invalid-timing | timing.preset | hourly, daily",
            // retention: keeps nothing, negative and absurd counts, bad durations
            "\"retention\":{\"keepLast\":0}            | validation-failed | retention.keepLast   | keeps nothing",
            "\"retention\":{}                          | validation-failed | retention.keepLast   | keeps nothing",
            "\"retention\":{\"keepDaily\":-1}          | validation-failed | retention.keepDaily  | between 0 and",
            "\"retention\":{\"keepHourly\":2000000000} | validation-failed | retention.keepHourly | between 0 and",
            "\"retention\":{\"keepWithin\":\"forever\"} | validation-failed | retention.keepWithin | ISO-8601",
            "\"retention\":{\"keepDayly\":3}           | unknown-field     | retention.keepDayly  | ''",
            // drills, overlap, name and a backup option (validated as POST /backups does)
            "\"drill\":{\"every\":\"PT30M\",\"targetSourceId\":\"00000000-0000-0000-0000-000000000000\"} | validation-failed | drill.every | between PT1H",
            "\"drill\":{\"every\":\"weekly\"}         | validation-failed | drill.every          | ISO-8601",
            "\"overlap\":\"maybe\"                    | validation-failed | overlap              | skip or queue",
            "\"compression\":{\"level\":99}           | validation-failed | compression.level    | between 1 and 19",
            "\"labels\":{\"bad key!\":\"x\"}          | validation-failed | labels               | label keys",
    })
    void badScheduleIs400NamingTheField(String fragment, String type, String field, String detail) {
        as(tenant.operator()).body(body(fragment)).post("/api/v1/schedules").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://arca.dev/problems/" + type))
                .body("field", equalTo(field))
                .body("detail", containsString(detail));
    }

    @Test
    void nameAndTimingAreRequired() {
        as(tenant.operator()).body("{\"sourceId\":\"" + sourceId + "\",\"timing\":{\"preset\":\"daily\"}}")
                .post("/api/v1/schedules").then().statusCode(400).body("field", equalTo("name"));
        as(tenant.operator()).body("{\"name\":\"n\",\"sourceId\":\"" + sourceId + "\"}")
                .post("/api/v1/schedules").then().statusCode(400)
                .body("type", equalTo("https://arca.dev/problems/invalid-timing")).body("field", equalTo("timing"));
    }

    @Test
    void anotherTenantsOrAnUnknownSourceIs404() {
        String strangersSource = createSource(newTenant().operator(), "theirs");
        as(tenant.operator()).body(body("\"name\":\"x\"").replace("\"name\":\"nightly\",", "")
                        .replace(sourceId, strangersSource))
                .post("/api/v1/schedules").then().statusCode(404).body("field", equalTo("sourceId"));
        as(tenant.operator()).body(body("\"drill\":{\"every\":\"P7D\",\"targetSourceId\":\"" + strangersSource
                        + "\"}")).post("/api/v1/schedules").then().statusCode(404)
                .body("field", equalTo("drill.targetSourceId"));
        as(tenant.operator()).body(body("\"enabled\":true").replace(sourceId, UUID.randomUUID().toString()))
                .post("/api/v1/schedules").then().statusCode(404).body("field", equalTo("sourceId"));
    }

    @Test
    void badQueryParametersAndIfMatchAre400() {
        String id = as(tenant.operator()).body(body("\"enabled\":true")).post("/api/v1/schedules").then()
                .statusCode(201).extract().path("id");
        for (String upcoming : new String[]{"0", "101", "many"}) {
            as(tenant.viewer()).get("/api/v1/schedules/" + id + "?upcoming=" + upcoming).then().statusCode(400)
                    .body("field", equalTo("upcoming"));
        }
        as(tenant.viewer()).get("/api/v1/schedules?enabled=maybe").then().statusCode(400)
                .body("field", equalTo("enabled"));
        as(tenant.operator()).header("If-Match", "\"v1\"").body(body("\"enabled\":true"))
                .put("/api/v1/schedules/" + id).then().statusCode(400).body("field", equalTo("If-Match"));
        as(tenant.operator()).body(body("\"enabled\":true")).post("/api/v1/schedules").then().statusCode(409)
                .body("field", equalTo("name"));
    }
}
