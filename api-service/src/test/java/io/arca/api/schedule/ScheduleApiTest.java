package io.arca.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The schedules API's happy paths: create, upcoming, run now, lastRun, list, optimistic update, enable, delete. */
@QuarkusTest
class ScheduleApiTest extends ApiTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private TenantKeys tenant;
    private String sourceId;

    @BeforeEach
    void tenantWithSource() {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
    }

    static Map<String, Object> schedule(String name, String sourceId, Map<String, Object> timing, String zone) {
        Map<String, Object> body = new HashMap<>(backupRequest(sourceId));
        body.put("name", name);
        body.put("timing", timing);
        body.put("timeZone", zone);
        return body;
    }

    private String create(Map<String, Object> body) {
        return as(tenant.operator()).body(body).post("/api/v1/schedules").then().statusCode(201)
                .extract().path("id");
    }

    /** The next n 02:30s in Berlin after now, by plain java.time (no DST change in the weeks around this run). */
    private static List<String> next0230sInBerlin(Instant now, int n) {
        List<String> times = new ArrayList<>();
        LocalDate day = now.atZone(BERLIN).toLocalDate();
        while (times.size() < n) {
            Instant at = ZonedDateTime.of(day, LocalTime.of(2, 30), BERLIN).toInstant();
            if (at.isAfter(now)) {
                times.add(at.toString());
            }
            day = day.plusDays(1);
        }
        return times;
    }

    @Test
    void createAnswersWithNextRunAtAndTheOptionsOfPostBackupsAndUpcomingListsTheNextFive() {
        Instant before = Instant.now();
        Response created = as(tenant.operator()).body(schedule("nightly", sourceId,
                Map.of("preset", "daily", "at", "02:30"), "Europe/Berlin")).post("/api/v1/schedules");
        created.then().statusCode(201).header("ETag", "\"0\"")
                .header("Location", containsString("/api/v1/schedules/"))
                .body("cron", equalTo("30 2 * * *"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("overlap", equalTo("skip"))
                .body("enabled", equalTo(true))
                .body("options.type", equalTo("full"))
                .body("options.tables.excludeData[0]", equalTo("public.audit_log"))
                .body("options.compression.level", equalTo(3))
                .body("labels.reason", equalTo("pre-deploy"))
                .body("nextRunAt", equalTo(next0230sInBerlin(before, 1).get(0)));
        String id = created.path("id");

        List<String> upcoming = as(tenant.viewer()).get("/api/v1/schedules/" + id + "?upcoming=5")
                .then().statusCode(200).header("ETag", "\"0\"").extract().path("upcoming");
        assertThat(upcoming).containsExactlyElementsOf(next0230sInBerlin(before, 5));
    }

    @Test
    void runNowCreatesABackupWithOriginScheduleShownAsLastRunAndOverlapSkipRefusesASecond() {
        String id = create(schedule("hourly", sourceId, Map.of("preset", "hourly", "minute", 15), "UTC"));

        Response run = as(tenant.operator()).post("/api/v1/schedules/" + id + "/run");
        run.then().statusCode(202).body("trigger", equalTo("manual")).body("outcome", equalTo("created"));
        String backupId = run.path("backupId");
        assertThat(run.header("Location")).endsWith("/api/v1/backups/" + backupId);
        as(tenant.viewer()).get("/api/v1/backups/" + backupId).then().statusCode(200)
                .body("state", equalTo("pending"))
                .body("origin", equalTo("schedule"))
                .body("schedule.scheduleId", equalTo(id))
                .body("schedule.lateByMs", equalTo(0))
                .body("options.tables.excludeData[0]", equalTo("public.audit_log"))
                .body("labels.reason", equalTo("pre-deploy"));
        as(tenant.viewer()).get("/api/v1/schedules/" + id).then().statusCode(200)
                .body("lastRun.backupId", equalTo(backupId))
                .body("lastRun.backupState", equalTo("pending"))
                .body("lastRun.trigger", equalTo("manual"));

        // the backup is still pending and overlap is skip: the second run is recorded as skipped, and refused
        as(tenant.operator()).post("/api/v1/schedules/" + id + "/run").then().statusCode(409)
                .body("type", equalTo("https://arca.dev/problems/schedule-busy"))
                .body("detail", equalTo("backup " + backupId + " of this schedule is still pending (overlap: skip)"));
        as(tenant.viewer()).get("/api/v1/schedules/" + id).then()
                .body("lastRun.outcome", equalTo("skipped"))
                .body("lastRun.backupId", nullValue());
    }

    @Test
    void overlapQueueRunsAgainWhileThePreviousBackupIsPending() {
        Map<String, Object> body = schedule("queued", sourceId, Map.of("cron", "0 3 * * *"), "UTC");
        body.put("overlap", "queue");
        String id = create(body);
        as(tenant.operator()).post("/api/v1/schedules/" + id + "/run").then().statusCode(202);
        as(tenant.operator()).post("/api/v1/schedules/" + id + "/run").then().statusCode(202);
        as(tenant.viewer()).get("/api/v1/backups?sourceId=" + sourceId).then().body("items.size()", equalTo(2))
                .body("items.origin", equalTo(List.of("schedule", "schedule")));
    }

    @Test
    void listFiltersBySourceAndEnabledAndPaginates() {
        String other = createSource(tenant.operator(), "other");
        String a = create(schedule("a", sourceId, Map.of("preset", "daily"), "UTC"));
        String b = create(schedule("b", sourceId, Map.of("preset", "daily"), "UTC"));
        String c = create(schedule("c", other, Map.of("preset", "daily"), "UTC"));
        as(tenant.operator()).post("/api/v1/schedules/" + b + "/disable").then().statusCode(200)
                .body("enabled", equalTo(false)).body("nextRunAt", nullValue());

        assertThat(as(tenant.viewer()).get("/api/v1/schedules?sourceId=" + sourceId).then().statusCode(200)
                .extract().<List<String>>path("items.id")).containsExactly(b, a);
        assertThat(as(tenant.viewer()).get("/api/v1/schedules?enabled=true").then().statusCode(200)
                .extract().<List<String>>path("items.id")).containsExactly(c, a);
        Response first = as(tenant.viewer()).get("/api/v1/schedules?limit=2");
        assertThat(first.<List<String>>path("items.id")).containsExactly(c, b);
        assertThat(as(tenant.viewer()).queryParam("cursor", first.<String>path("nextCursor"))
                .get("/api/v1/schedules?limit=2").<List<String>>path("items.id")).containsExactly(a);
    }

    @Test
    void updateNeedsTheCurrentVersionInIfMatch() throws Exception {
        String id = create(schedule("nightly", sourceId, Map.of("preset", "daily", "at", "02:30"), "UTC"));
        Map<String, Object> changed = schedule("nightly", sourceId, Map.of("preset", "daily", "at", "04:00"), "UTC");

        as(tenant.operator()).body(changed).put("/api/v1/schedules/" + id).then().statusCode(428)
                .body("type", equalTo("https://arca.dev/problems/precondition-required"))
                .body("field", equalTo("If-Match"));
        as(tenant.operator()).header("If-Match", "\"0\"").body(changed).put("/api/v1/schedules/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("cron", equalTo("0 4 * * *"));
        as(tenant.operator()).header("If-Match", "\"0\"").body(changed).put("/api/v1/schedules/" + id)
                .then().statusCode(412).body("type", equalTo("https://arca.dev/problems/precondition-failed"));

        // two concurrent updates with the same version: exactly one wins
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String at : List.of("05:00", "06:00")) {
                Callable<Integer> put = () -> {
                    together.await();
                    return as(tenant.operator()).header("If-Match", "\"1\"")
                            .body(schedule("nightly", sourceId, Map.of("preset", "daily", "at", at), "UTC"))
                            .put("/api/v1/schedules/" + id).statusCode();
                };
                statuses.add(pool.submit(put));
            }
            assertThat(List.of(statuses.get(0).get(), statuses.get(1).get())).containsExactlyInAnyOrder(200, 412);
        } finally {
            pool.shutdownNow();
        }
        as(tenant.viewer()).get("/api/v1/schedules/" + id).then().header("ETag", "\"2\"");
    }

    @Test
    void drillGetsItsNextDateOnCreateAndEnableAndNoneWhileDisabled() {
        Map<String, Object> body = schedule("drilled", sourceId, Map.of("preset", "daily"), "UTC");
        body.put("drill", Map.of("every", "P7D", "targetSourceId", sourceId));
        body.put("retention", Map.of("keepDaily", 7, "keepWeekly", 4));
        Instant before = Instant.now();
        Response created = as(tenant.operator()).body(body).post("/api/v1/schedules");
        created.then().statusCode(201).body("drill.every", equalTo("P7D"))
                .body("retention.keepDaily", equalTo(7));
        Instant nextDrill = Instant.parse(created.path("drill.nextDrillAt"));
        assertThat(nextDrill).isBetween(before.plusSeconds(7 * 86400), Instant.now().plusSeconds(7 * 86400));
        String id = created.path("id");
        as(tenant.operator()).post("/api/v1/schedules/" + id + "/disable").then().body("drill.nextDrillAt", nullValue());
        as(tenant.operator()).post("/api/v1/schedules/" + id + "/enable").then().statusCode(200)
                .body("enabled", equalTo(true)).body("drill.nextDrillAt", org.hamcrest.Matchers.notNullValue())
                .body("nextRunAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void deleteRemovesItAndRolesAndTenantsAreEnforced() {
        String id = create(schedule("nightly", sourceId, Map.of("preset", "daily"), "UTC"));
        as(tenant.viewer()).body(schedule("x", sourceId, Map.of("preset", "daily"), "UTC"))
                .post("/api/v1/schedules").then().statusCode(403);
        as(tenant.viewer()).post("/api/v1/schedules/" + id + "/run").then().statusCode(403);

        TenantKeys stranger = newTenant();
        as(stranger.admin()).get("/api/v1/schedules/" + id).then().statusCode(404);
        as(stranger.operator()).post("/api/v1/schedules/" + id + "/run").then().statusCode(404);
        as(stranger.operator()).delete("/api/v1/schedules/" + id).then().statusCode(404);

        as(tenant.operator()).delete("/api/v1/schedules/" + id).then().statusCode(204);
        as(tenant.viewer()).get("/api/v1/schedules/" + id).then().statusCode(404);
    }
}
