package io.arca.api.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * lastBackupAt, lastSuccessfulBackupAt, rpoStatus and drillStatus of sources, with backups, proofs and schedules put in
 * the catalog.
 */
@QuarkusTest
class RecoveryPointTest extends ApiTest {

    private static void backup(String sourceId, UUID tenantId, String state, boolean corrupted, Instant finishedAt)
            throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement("insert into backups (id, tenant_id, "
                + "source_id, type, options, state, corrupted, created_at, finished_at) "
                + "values (?, ?, ?, 'full', '{}', ?, ?, ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, tenantId);
            ps.setObject(3, UUID.fromString(sourceId));
            ps.setString(4, state);
            ps.setBoolean(5, corrupted);
            ps.setTimestamp(6, Timestamp.from(finishedAt.minusSeconds(60)));
            ps.setTimestamp(7, Timestamp.from(finishedAt));
            ps.executeUpdate();
        }
    }

    private static void hourlySchedule(TenantKeys tenant, String sourceId, boolean enabled) {
        Map<String, Object> body = new java.util.HashMap<>(backupRequest(sourceId));
        body.put("name", "hourly-" + UUID.randomUUID());
        body.put("timing", Map.of("preset", "hourly"));
        body.put("enabled", enabled);
        as(tenant.operator()).body(body).post("/api/v1/schedules").then().statusCode(201);
    }

    @Test
    void neverOkAndLateFollowTheNewestUsableBackupAndTheMostFrequentEnabledSchedule() throws Exception {
        TenantKeys tenant = newTenant();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String none = createSource(tenant.operator(), "none");
        String failedOnly = createSource(tenant.operator(), "failed-only");
        backup(failedOnly, tenant.tenantId(), "failed", false, now.minus(Duration.ofMinutes(5)));
        // hourly: 80 minutes is within 1.5 periods
        String recent = createSource(tenant.operator(), "recent");
        backup(recent, tenant.tenantId(), "completed", false, now.minus(Duration.ofMinutes(80)));
        hourlySchedule(tenant, recent, true);
        // hourly: 100 minutes is not; a newer corrupted backup does not count
        String stale = createSource(tenant.operator(), "stale");
        backup(stale, tenant.tenantId(), "completed", false, now.minus(Duration.ofMinutes(100)));
        backup(stale, tenant.tenantId(), "completed", true, now.minus(Duration.ofMinutes(10)));
        hourlySchedule(tenant, stale, true);
        // a month old but no enabled schedule (a disabled one does not count): ok
        String unscheduled = createSource(tenant.operator(), "unscheduled");
        backup(unscheduled, tenant.tenantId(), "completed", false, now.minus(Duration.ofDays(30)));
        hourlySchedule(tenant, unscheduled, false);

        as(tenant.viewer()).get("/api/v1/sources/" + none).then().statusCode(200)
                .body("rpoStatus", equalTo("never")).body("lastBackupAt", nullValue())
                .body("lastSuccessfulBackupAt", nullValue());
        as(tenant.viewer()).get("/api/v1/sources/" + failedOnly).then()
                .body("rpoStatus", equalTo("never"))
                .body("lastBackupAt", equalTo(now.minus(Duration.ofMinutes(6)).toString()));
        as(tenant.viewer()).get("/api/v1/sources/" + recent).then().body("rpoStatus", equalTo("ok"))
                .body("lastSuccessfulBackupAt", equalTo(now.minus(Duration.ofMinutes(80)).toString()));
        as(tenant.viewer()).get("/api/v1/sources/" + stale).then().body("rpoStatus", equalTo("late"))
                .body("lastSuccessfulBackupAt", equalTo(now.minus(Duration.ofMinutes(100)).toString()))
                .body("lastBackupAt", equalTo(now.minus(Duration.ofMinutes(11)).toString()));
        as(tenant.viewer()).get("/api/v1/sources/" + unscheduled).then().body("rpoStatus", equalTo("ok"));

        Response list = as(tenant.viewer()).get("/api/v1/sources");
        List<String> names = list.path("items.name");
        List<String> statuses = list.path("items.rpoStatus");
        assertThat(names).containsExactly("unscheduled", "stale", "recent", "failed-only", "none");
        assertThat(statuses).containsExactly("ok", "late", "ok", "never", "never");
    }

    private static void drillSchedule(TenantKeys tenant, String sourceId, String every, boolean enabled) {
        Map<String, Object> body = new java.util.HashMap<>(backupRequest(sourceId));
        body.put("name", "drilled-" + UUID.randomUUID());
        body.put("timing", Map.of("preset", "daily", "at", "02:30"));
        body.put("enabled", enabled);
        body.put("drill", Map.of("every", every, "targetSourceId", sourceId));
        as(tenant.operator()).body(body).post("/api/v1/schedules").then().statusCode(201);
    }

    private static void provenAt(String sourceId, Instant at) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "update sources set last_proven_restorable_at = ? where id = ?")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, UUID.fromString(sourceId));
            ps.executeUpdate();
        }
    }

    @Test
    void aSourceWhoseNewestProofIsOlderThanTwiceItsMostFrequentDrillIsOverdue() throws Exception {
        TenantKeys tenant = newTenant();
        Instant now = Instant.now();
        String undrilled = createSource(tenant.operator(), "undrilled");
        provenAt(undrilled, now.minus(Duration.ofDays(365)));
        drillSchedule(tenant, undrilled, "P1D", false);
        String neverProven = createSource(tenant.operator(), "never-proven");
        drillSchedule(tenant, neverProven, "P7D", true);
        // weekly and daily drills: the daily one sets the bar, two days
        String fresh = createSource(tenant.operator(), "fresh");
        drillSchedule(tenant, fresh, "P7D", true);
        drillSchedule(tenant, fresh, "P1D", true);
        provenAt(fresh, now.minus(Duration.ofHours(47)));
        String overdue = createSource(tenant.operator(), "overdue");
        drillSchedule(tenant, overdue, "P7D", true);
        drillSchedule(tenant, overdue, "P1D", true);
        provenAt(overdue, now.minus(Duration.ofHours(49)));

        as(tenant.viewer()).get("/api/v1/sources/" + undrilled).then().statusCode(200)
                .body("drillStatus", nullValue());
        as(tenant.viewer()).get("/api/v1/sources/" + neverProven).then().body("drillStatus", equalTo("never"));
        as(tenant.viewer()).get("/api/v1/sources/" + fresh).then().body("drillStatus", equalTo("ok"));
        as(tenant.viewer()).get("/api/v1/sources/" + overdue).then().body("drillStatus", equalTo("overdue"))
                .body("lastProvenRestorableAt", org.hamcrest.Matchers.notNullValue());
        List<String> statuses = as(tenant.viewer()).get("/api/v1/sources").path("items.drillStatus");
        assertThat(statuses).containsExactly("overdue", "ok", "never", null);
    }
}
