package io.arca.api.console.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.arca.api.ApiTest;
import io.arca.api.console.ConsoleSignIn;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The schedule pages over HTTP with a console session: the list and a schedule's page show what the API says, the
 * next-runs fragment lists the API's fire times or its error text (never a 500), the retention fragment previews a
 * candidate policy, and a viewer gets no mutating controls.
 */
@QuarkusTest
class SchedulePagesTest extends ApiTest {
    private static final Pattern TIMES = Pattern.compile("<time datetime=\"([^\"]+)\"");

    private static List<String> times(String html) {
        List<String> times = new ArrayList<>();
        Matcher m = TIMES.matcher(html);
        while (m.find()) {
            times.add(m.group(1));
        }
        return times;
    }

    private static String createSchedule(String operatorKey, String sourceId, String name) {
        Map<String, Object> body = new HashMap<>(backupRequest(sourceId));
        body.put("name", name);
        body.put("timing", Map.of("preset", "weekly", "day", "tuesday", "at", "04:45"));
        body.put("timeZone", "America/New_York");
        body.put("retention", Map.of("keepDaily", 7, "keepWeekly", 4));
        return as(operatorKey).body(body).post("/api/v1/schedules").then().statusCode(201).extract().path("id");
    }

    @Test
    void theNextRunsFragmentShowsTheApisFireTimesOrItsError() {
        TenantKeys tenant = newTenant();
        ConsoleSignIn viewer = ConsoleSignIn.as(tenant.viewer());
        String html = viewer.page().queryParam("timing.cron", "17 3 * * 1").queryParam("timeZone", "Asia/Tokyo")
                .get("/console/schedules/preview").then().statusCode(200).extract().asString();
        List<String> api = as(tenant.viewer()).queryParam("cron", "17 3 * * 1").queryParam("timeZone", "Asia/Tokyo")
                .get("/api/v1/schedule-timings/preview").then().statusCode(200).extract().path("upcoming");
        assertThat(times(html)).hasSize(5).isEqualTo(api);
        assertThat(html).contains("Mon ").contains("03:17 JST");

        viewer.page().queryParam("timing.cron", "61 2 * * *").get("/console/schedules/preview").then()
                .statusCode(200).body(containsString("role=\"alert\""))
                .body(containsString("field 1 (minute) &#39;61&#39;"));
        viewer.page().queryParam("timing.cron", "0 2 * * *").queryParam("timeZone", "Nowhere/Land")
                .get("/console/schedules/preview").then().statusCode(200)
                .body(containsString("timeZone must be an IANA time zone"));
        viewer.page().queryParam("timing.preset", "monthly").queryParam("timing.day", "x")
                .get("/console/schedules/preview").then().statusCode(200)
                .body(containsString("a monthly timing&#39;s day is a whole number"));
    }

    @Test
    void listAndPageShowTheScheduleAndItsNextRunsAndOperatorsGetControls() {
        TenantKeys tenant = newTenant();
        String sourceId = createSource(tenant.operator(), "shop");
        String id = createSchedule(tenant.operator(), sourceId, "tuesdays");
        ConsoleSignIn operator = ConsoleSignIn.as(tenant.operator());

        operator.page().get("/console/schedules").then().statusCode(200)
                .body(containsString("/console/schedules/" + id)).body(containsString("Weekly on tuesday at 04:45"))
                .body(containsString("America/New_York")).body(containsString("POST /api/v1/schedules/" + id
                        + "/disable"))
                .body(containsString("POST /api/v1/schedules/" + id + "/run"));
        operator.page().queryParam("enabled", "false").get("/console/schedules").then().statusCode(200)
                .body(not(containsString("/console/schedules/" + id + "\"")));

        String page = operator.html("/console/schedules/" + id);
        List<String> api = as(tenant.viewer()).queryParam("upcoming", "5").get("/api/v1/schedules/" + id).then()
                .statusCode(200).extract().path("upcoming");
        assertThat(times(page.substring(page.indexOf("id=\"schedule-next-runs\"")))).startsWith(api.toArray(
                new String[0]));
        assertThat(page).contains("data-api=\"PUT /api/v1/schedules/" + id + "\"")
                .contains("data-headers=\"{&quot;If-Match&quot;:&quot;\\&quot;0\\&quot;&quot;}\"")
                .contains("value=\"weekly\" selected").contains("value=\"tuesday\" selected")
                .contains("name=\"retention.keepDaily\" data-type=\"number\" inputmode=\"numeric\" value=\"7\"");

        ConsoleSignIn viewer = ConsoleSignIn.as(tenant.viewer());
        viewer.page().get("/console/schedules/" + id).then().statusCode(200)
                .body(not(containsString("data-api="))).body(containsString("Weekly on tuesday at 04:45"));
        viewer.page().get("/console/schedules").then().statusCode(200).body(not(containsString("data-api=")));
        viewer.page().get("/console/schedules/new").then().statusCode(403);
    }

    @Test
    void theRetentionFragmentPreviewsACandidatePolicyOrSaysWhatIsWrong() {
        TenantKeys tenant = newTenant();
        String sourceId = createSource(tenant.operator(), "shop");
        String id = createSchedule(tenant.operator(), sourceId, "kept");
        ConsoleSignIn viewer = ConsoleSignIn.as(tenant.viewer());
        String url = "/console/schedules/" + id + "/retention-preview";
        viewer.page().queryParam("retention.keepLast", "3").get(url).then().statusCode(200)
                .body(containsString("keepLast 3")).body(containsString("keep 0"))
                .body(containsString("no backups yet"));
        viewer.page().get(url).then().statusCode(200).body(containsString("every backup of this schedule is kept"));
        viewer.page().queryParam("retention.keepLast", "three").get(url).then().statusCode(200)
                .body(containsString("retention.keepLast is a whole number"));
        viewer.page().queryParam("retention.keepWithin", "soon").get(url).then().statusCode(200)
                .body(containsString("keepWithin must be an ISO-8601 duration"));
        viewer.page().queryParam("retention.minKeep", "0").get(url).then().statusCode(200)
                .body(containsString("this policy keeps nothing"));
    }

    @Test
    void unknownSchedulesAndBadFiltersAreHtmlErrorPages() {
        TenantKeys tenant = newTenant();
        ConsoleSignIn viewer = ConsoleSignIn.as(tenant.viewer());
        viewer.page().get("/console/schedules/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType(containsString("text/html"));
        viewer.page().queryParam("enabled", "maybe").get("/console/schedules").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("enabled is true or false"));
    }
}
