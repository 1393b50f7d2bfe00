package io.arca.api.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RetentionPreviewApiTest extends ApiTest {
    private TenantKeys tenant;
    private String sourceId;
    private final List<UUID> newestFirst = new ArrayList<>();

    /** Five completed backups of a schedule a day apart, newest an hour ago; one failed, one running. */
    @BeforeEach
    void scheduleWithBackups() throws Exception {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
        newestFirst.clear();
    }

    private UUID scheduleWithBackups(String retention) throws Exception {
        UUID schedule = RetentionRows.schedule(tenant.tenantId(), sourceId, retention, "UTC");
        Instant newest = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            newestFirst.add(RetentionRows.backup(tenant.tenantId(), sourceId, schedule, "completed",
                    newest.minus(Duration.ofDays(i))));
        }
        return schedule;
    }

    @Test
    void previewShowsEachBackupNewestFirstWithKeepOrDeleteAndTheRules() throws Exception {
        UUID schedule = scheduleWithBackups("{\"keepLast\": 1, \"keepDaily\": 2}");
        UUID failed = RetentionRows.backup(tenant.tenantId(), sourceId, schedule, "failed",
                Instant.now().minus(Duration.ofDays(10)));
        UUID running = RetentionRows.backup(tenant.tenantId(), sourceId, schedule, "running", Instant.now());

        JsonPath preview = as(tenant.viewer()).get("/api/v1/schedules/" + schedule + "/retention-preview")
                .then().statusCode(200).body("scope", equalTo("schedule")).body("zone", equalTo("UTC"))
                .body("policy.keepDaily", equalTo(2)).body("counts.total", equalTo(7))
                .body("counts.keep", equalTo(3)).body("counts.delete", equalTo(3)).body("counts.cleanup", equalTo(1))
                .extract().jsonPath();

        assertThat(preview.getList("items.backupId", String.class)).containsExactly(running.toString(),
                newestFirst.get(0).toString(), newestFirst.get(1).toString(), newestFirst.get(2).toString(),
                newestFirst.get(3).toString(), newestFirst.get(4).toString(), failed.toString());
        assertThat(preview.getList("items.action", String.class))
                .containsExactly("keep", "keep", "keep", "delete", "delete", "delete", "cleanup");
        assertThat(preview.getList("items[1].rules", String.class)).hasSize(2).first().isEqualTo("last");
        assertThat(preview.getList("items[2].rules", String.class)).singleElement().asString().startsWith("daily ");
        assertThat(preview.getString("items[0].note")).contains("in progress");
        assertThat(preview.getString("items[3].note")).isEqualTo("kept by no rule");

        // pages of 3: positions in the same order
        var first = as(tenant.viewer()).get("/api/v1/schedules/" + schedule + "/retention-preview?limit=3")
                .then().statusCode(200).body("items", hasSize(3)).extract().jsonPath();
        as(tenant.viewer()).queryParam("cursor", first.getString("nextCursor")).queryParam("limit", 3)
                .get("/api/v1/schedules/" + schedule + "/retention-preview").then().statusCode(200)
                .body("items.backupId", equalTo(preview.getList("items.backupId").subList(3, 6)));
    }

    @Test
    void aCandidatePolicyIsPreviewedWithoutSavingAndABadOneNamesTheField() throws Exception {
        UUID schedule = scheduleWithBackups("{\"keepLast\": 1}");

        as(tenant.viewer()).body(Map.of("keepLast", 4)).post("/api/v1/schedules/" + schedule + "/retention-preview")
                .then().statusCode(200).body("policy.keepLast", equalTo(4)).body("counts.keep", equalTo(4))
                .body("counts.delete", equalTo(1));
        as(tenant.viewer()).get("/api/v1/schedules/" + schedule + "/retention-preview").then()
                .body("counts.keep", equalTo(1));
        // bad candidates: a count out of range, a policy that keeps nothing, an unknown rule, no body
        as(tenant.viewer()).body(Map.of("keepDaily", -1)).post("/api/v1/schedules/" + schedule
                + "/retention-preview").then().statusCode(400).body("field", equalTo("keepDaily"));
        as(tenant.viewer()).body(Map.of("keepLast", 0)).post("/api/v1/schedules/" + schedule + "/retention-preview")
                .then().statusCode(400).body("detail", containsString("keeps nothing"));
        as(tenant.viewer()).body(Map.of("keepForever", 1)).post("/api/v1/schedules/" + schedule
                + "/retention-preview").then().statusCode(400).body("field", equalTo("keepForever"));
        as(tenant.viewer()).post("/api/v1/schedules/" + schedule + "/retention-preview").then().statusCode(400)
                .body("field", equalTo("policy"));
    }

    @Test
    void unknownAndOtherTenantsSchedulesAre404() throws Exception {
        UUID schedule = scheduleWithBackups("{\"keepLast\": 1}");
        as(tenant.viewer()).get("/api/v1/schedules/" + UUID.randomUUID() + "/retention-preview").then()
                .statusCode(404);
        as(newTenant().viewer()).get("/api/v1/schedules/" + schedule + "/retention-preview").then().statusCode(404);
        as(tenant.viewer()).get("/api/v1/schedules/" + schedule + "/retention-preview?cursor=nonsense").then()
                .statusCode(400).body("field", equalTo("cursor"));
    }

    @Test
    void sourceDefaultPolicyIsSetShownPreviewedAndCleared() throws Exception {
        UUID scheduled = scheduleWithBackups(null);
        UUID apiBackup = RetentionRows.backup(tenant.tenantId(), sourceId, null, "completed", Instant.now());
        UUID olderApiBackup = RetentionRows.backup(tenant.tenantId(), sourceId, null, "completed",
                Instant.now().minus(Duration.ofDays(3)));

        as(tenant.operator()).body(Map.of("keepLast", 1, "keepWithin", "PT1H"))
                .put("/api/v1/sources/" + sourceId + "/retention").then().statusCode(200)
                .body("retention.keepLast", equalTo(1)).body("retention.keepWithin", equalTo("PT1H"))
                .body("name", equalTo("shop"));
        as(tenant.viewer()).get("/api/v1/sources/" + sourceId).then().statusCode(200)
                .body("retention.keepLast", equalTo(1)).body("retention.keepDaily", nullValue());
        as(tenant.viewer()).get("/api/v1/sources/" + sourceId + "/retention-preview").then().statusCode(200)
                .body("scope", equalTo("source")).body("zone", equalTo("UTC"))
                .body("items.backupId", equalTo(List.of(apiBackup.toString(), olderApiBackup.toString())))
                .body("items.action", equalTo(List.of("keep", "delete")))
                .body("items[0].rules", equalTo(List.of("within", "last")));
        assertThat(scheduled).as("the schedule's backups are not the source default's").isNotNull();

        // bad policies: 400 naming the field; the stored one stays
        as(tenant.operator()).body(Map.of("keepWeekly", 2_000_000)).put("/api/v1/sources/" + sourceId
                + "/retention").then().statusCode(400).body("field", equalTo("keepWeekly"));
        as(tenant.operator()).body(Map.of("keepWithin", "a week")).put("/api/v1/sources/" + sourceId
                + "/retention").then().statusCode(400).body("field", equalTo("keepWithin"));
        as(tenant.operator()).body(Map.of("keepDaily", "seven")).put("/api/v1/sources/" + sourceId
                + "/retention").then().statusCode(400);
        as(tenant.viewer()).body(Map.of("keepLast", 1)).put("/api/v1/sources/" + sourceId + "/retention").then()
                .statusCode(403);
        as(newTenant().operator()).body(Map.of("keepLast", 1)).put("/api/v1/sources/" + sourceId + "/retention")
                .then().statusCode(404);
        as(tenant.viewer()).get("/api/v1/sources/" + sourceId).then().body("retention.keepLast", equalTo(1));

        as(tenant.operator()).delete("/api/v1/sources/" + sourceId + "/retention").then().statusCode(200)
                .body("retention", nullValue());
        as(tenant.operator()).body("null").put("/api/v1/sources/" + sourceId + "/retention").then().statusCode(200)
                .body("retention", nullValue());
        as(tenant.viewer()).get("/api/v1/sources/" + sourceId + "/retention-preview").then().statusCode(200)
                .body("policy", nullValue()).body("items.action", equalTo(List.of("keep", "keep")))
                .body("items[0].note", containsString("no retention policy"));
    }
}
