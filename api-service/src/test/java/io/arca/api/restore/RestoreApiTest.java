package io.arca.api.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RestoreApiTest extends ApiTest {
    private TenantKeys tenant;
    private String sourceId;
    private String backupId;

    @BeforeEach
    void tenantWithACompletedBackup() throws Exception {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
        backupId = as(tenant.operator()).body(backupRequest(sourceId)).post("/api/v1/backups")
                .then().statusCode(202).extract().path("id");
        setBackupState(backupId, "completed");
    }

    private static Map<String, Object> restoreRequest(String backupId, String sourceId, String database) {
        return Map.of("backupId", backupId, "target", Map.of("sourceId", sourceId, "database", database));
    }

    @Test
    void acceptedRestoreIsPendingWithItsJobInTheOutbox() throws Exception {
        String id = as(tenant.operator()).body(restoreRequest(backupId, sourceId, "shop_restored"))
                .post("/api/v1/restores")
                .then().statusCode(202)
                .header("Location", containsString("/api/v1/restores/"))
                .body("state", equalTo("pending")).body("backupId", equalTo(backupId))
                .body("target.sourceId", equalTo(sourceId)).body("target.database", equalTo("shop_restored"))
                .body("attempt", equalTo(1))
                .extract().path("id");

        as(tenant.viewer()).get("/api/v1/restores/" + id).then().statusCode(200)
                .body("state", equalTo("pending")).body("progress.tablesDone", equalTo(0));
        as(tenant.viewer()).get("/api/v1/restores?backupId=" + backupId).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(id));

        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement("select stream, message_key, payload->>'kind', "
                     + "payload->>'sourceId' from outbox where payload->>'jobId' = ? order by id")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("jobs");
                assertThat(rs.getString(2)).isEqualTo(sourceId);
                assertThat(rs.getString(3)).isEqualTo("restore");
                assertThat(rs.getString(4)).isEqualTo(sourceId);
                assertThat(rs.next()).as("restore.requested event").isTrue();
                assertThat(rs.getString(1)).isEqualTo("events");
            }
        }
    }

    @Test
    void onlyACompletedBackupCanBeRestored() throws Exception {
        setBackupState(backupId, "running");
        as(tenant.operator()).body(restoreRequest(backupId, sourceId, "shop_restored")).post("/api/v1/restores")
                .then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("backupId")).body("detail", containsString("running"));
    }

    @Test
    void anIdempotencyKeyReturnsTheSameRestoreAndRefusesAnotherRequest() throws Exception {
        var first = as(tenant.operator()).header("Idempotency-Key", "rollback-7")
                .body(restoreRequest(backupId, sourceId, "shop_rollback")).post("/api/v1/restores");
        first.then().statusCode(202);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        String id = first.path("id");
        var replay = as(tenant.operator()).header("Idempotency-Key", "rollback-7")
                .body(restoreRequest(backupId, sourceId, "shop_rollback")).post("/api/v1/restores");
        replay.then().statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(id))
                .header("Location", endsWith("/api/v1/restores/" + id));
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement(
                "select count(*) from outbox where stream = 'jobs' and payload->>'jobId' = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("one job message for both requests").isEqualTo(1);
            }
        }

        as(tenant.operator()).header("Idempotency-Key", "rollback-7")
                .body(restoreRequest(backupId, sourceId, "shop_other")).post("/api/v1/restores")
                .then().statusCode(422).body("type", equalTo("https://arca.dev/problems/idempotency-key-reused"))
                .body("field", equalTo("Idempotency-Key"));
        as(tenant.operator()).header("Idempotency-Key", "no spaces allowed")
                .body(restoreRequest(backupId, sourceId, "shop_other")).post("/api/v1/restores")
                .then().statusCode(400).body("field", equalTo("Idempotency-Key"));
        // keys are per tenant: another tenant's identical key is its own
        TenantKeys other = newTenant();
        String otherSource = createSource(other.operator(), "shop");
        String otherBackup = as(other.operator()).body(backupRequest(otherSource)).post("/api/v1/backups")
                .then().statusCode(202).extract().path("id");
        setBackupState(otherBackup, "completed");
        as(other.operator()).header("Idempotency-Key", "rollback-7")
                .body(restoreRequest(otherBackup, otherSource, "shop_rollback")).post("/api/v1/restores")
                .then().statusCode(202).body("id", org.hamcrest.Matchers.not(equalTo(id)));
    }

    @Test
    void refusesToRestoreOverTheBackedUpDatabase() {
        String sourceDatabase = System.getProperty("arca.test.database");
        as(tenant.operator()).body(restoreRequest(backupId, sourceId, sourceDatabase)).post("/api/v1/restores")
                .then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("target.database"));
    }

    @Test
    void badRequestsNameTheField() {
        as(tenant.operator()).body(Map.of("backupId", backupId)).post("/api/v1/restores")
                .then().statusCode(400).body("field", equalTo("target"));
        as(tenant.operator()).body(Map.of("target", Map.of("sourceId", sourceId, "database", "x")))
                .post("/api/v1/restores").then().statusCode(400).body("field", equalTo("backupId"));
        as(tenant.operator()).body(restoreRequest(backupId, sourceId, "x".repeat(64))).post("/api/v1/restores")
                .then().statusCode(400).body("field", equalTo("target.database"));
        as(tenant.operator()).body(restoreRequest(backupId, sourceId, "template1")).post("/api/v1/restores")
                .then().statusCode(400).body("field", equalTo("target.database"));
        as(tenant.operator()).body(restoreRequest(backupId, sourceId, "bad\u0000name")).post("/api/v1/restores")
                .then().statusCode(400).body("field", equalTo("target.database"));
        as(tenant.operator()).body(restoreRequest(backupId, UUID.randomUUID().toString(), "x"))
                .post("/api/v1/restores").then().statusCode(400)
                .body("type", endsWith("/unknown-source")).body("field", equalTo("target.sourceId"));
        as(tenant.operator()).body(Map.of("backupId", backupId, "target",
                        Map.of("sourceId", sourceId, "database", "x"), "dropEverything", true))
                .post("/api/v1/restores").then().statusCode(400).contentType("application/problem+json");
        as(tenant.viewer()).get("/api/v1/restores?backupId=not-a-uuid").then().statusCode(400)
                .body("field", equalTo("backupId"));
    }

    @Test
    void viewersReadButCannotRestore() {
        as(tenant.viewer()).body(restoreRequest(backupId, sourceId, "shop_restored")).post("/api/v1/restores")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anotherTenantsBackupsSourcesAndRestoresAreNotFound() {
        String id = as(tenant.operator()).body(restoreRequest(backupId, sourceId, "shop_restored"))
                .post("/api/v1/restores").then().statusCode(202).extract().path("id");
        TenantKeys other = newTenant();
        String otherSource = createSource(other.operator(), "other");

        as(other.viewer()).get("/api/v1/restores/" + id).then().statusCode(404);
        as(other.viewer()).get("/api/v1/restores").then().statusCode(200).body("items", hasSize(0));
        as(other.operator()).body(restoreRequest(backupId, otherSource, "stolen")).post("/api/v1/restores")
                .then().statusCode(404).body("field", equalTo("backupId"));
        as(tenant.operator()).body(restoreRequest(backupId, otherSource, "elsewhere")).post("/api/v1/restores")
                .then().statusCode(400).body("field", equalTo("target.sourceId"));
    }

    private static void setBackupState(String backupId, String state) throws Exception {
        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement("update backups set state = ? where id = ?")) {
            s.setString(1, state);
            s.setObject(2, UUID.fromString(backupId));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
