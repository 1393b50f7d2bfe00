package io.arca.api.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.arca.api.backup.TestBackups;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VerificationApiTest extends ApiTest {
    private TenantKeys tenant;
    private String sourceId;
    private String backupId;

    @BeforeEach
    void tenantWithACompletedBackup() throws Exception {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
        backupId = TestBackups.request(tenant, sourceId);
        TestBackups.setState(backupId, "completed");
    }

    private Response verify(Object body) {
        return as(tenant.operator()).body(body).post("/api/v1/backups/" + backupId + "/verify");
    }

    @Test
    void aShallowVerifyIsQueuedWithItsJobMessageKeyedByTheBackupsSource() throws Exception {
        Response accepted = verify(Map.of("deep", false));
        String id = accepted.then().statusCode(202)
                .header("Location", containsString("/api/v1/verifications/" + accepted.path("id")))
                .body("backupId", equalTo(backupId)).body("deep", equalTo(false))
                .body("targetSourceId", nullValue()).body("state", equalTo("pending"))
                .body("progress.chunksChecked", equalTo(0)).body("progress.chunksTotal", equalTo(0))
                .body("progress.bytesChecked", equalTo(0)).body("progress.tablesDone", equalTo(0))
                .body("result", nullValue()).body("problems", hasSize(0)).body("createdAt", notNullValue())
                .extract().path("id");

        as(tenant.viewer()).get("/api/v1/verifications/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("state", equalTo("pending"));
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement("select stream, message_key, "
                + "payload->>'kind', payload->>'type' from outbox where payload->>'jobId' = ? order by id")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("jobs");
                assertThat(rs.getString(2)).isEqualTo(sourceId);
                assertThat(rs.getString(3)).isEqualTo("verify");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(4)).isEqualTo("verify.requested");
            }
        }
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement(
                "select source_id, state from verifications where id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(sourceId);
                assertThat(rs.getString(2)).isEqualTo("pending");
            }
        }
    }

    @Test
    void aVerifyStillToFinishIsReturnedInsteadOfASecond() throws Exception {
        String first = verify(Map.of()).then().statusCode(202).extract().path("id");
        verify(Map.of("deep", false)).then().statusCode(200).body("id", equalTo(first));
        setVerificationState(first, "running");
        verify(Map.of("deep", true, "targetSourceId", sourceId)).then().statusCode(200).body("id", equalTo(first))
                .body("deep", equalTo(false));

        setVerificationState(first, "completed");
        String second = verify(Map.of()).then().statusCode(202).extract().path("id");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void concurrentRequestsGetOneVerification() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Response> call = () -> verify(Map.of());
                calls.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<Response> call : calls) {
                statuses.add(call.get().statusCode());
                ids.add(call.get().path("id"));
            }
            assertThat(statuses).containsOnly(202, 200);
            assertThat(statuses.stream().filter(s -> s == 202)).hasSize(1);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement(
                "select count(*) from verifications where backup_id = ?")) {
            s.setObject(1, UUID.fromString(backupId));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void aDeepVerifyNamesItsTargetSource() {
        verify(Map.of("deep", true, "targetSourceId", sourceId)).then().statusCode(202)
                .body("deep", equalTo(true)).body("targetSourceId", equalTo(sourceId));
    }

    @Test
    void optionsThatDoNotFitTogetherAreRefused() {
        verify(Map.of("deep", true)).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://arca.dev/problems/invalid-verify-option"))
                .body("field", equalTo("targetSourceId")).body("detail", containsString("deep"));
        verify(Map.of("targetSourceId", sourceId)).then().statusCode(422)
                .body("type", equalTo("https://arca.dev/problems/invalid-verify-option"))
                .body("field", equalTo("targetSourceId"));
        String unknown = UUID.randomUUID().toString();
        verify(Map.of("deep", true, "targetSourceId", unknown)).then().statusCode(404)
                .body("type", equalTo("https://arca.dev/problems/not-found"))
                .body("field", equalTo("targetSourceId")).body("detail", containsString(unknown));
        TenantKeys other = newTenant();
        String foreignSource = createSource(other.operator(), "theirs");
        verify(Map.of("deep", true, "targetSourceId", foreignSource)).then().statusCode(404)
                .body("field", equalTo("targetSourceId"));
    }

    @Test
    void badBodiesGetProblems() {
        as(tenant.operator()).body("{\"deep\": ").post("/api/v1/backups/" + backupId + "/verify").then()
                .statusCode(400).body("type", equalTo("https://arca.dev/problems/malformed-json"));
        verify(Map.of("deep", "very")).then().statusCode(400)
                .body("type", equalTo("https://arca.dev/problems/invalid-type")).body("field", equalTo("deep"));
        verify(Map.of("shallow", true)).then().statusCode(400)
                .body("type", equalTo("https://arca.dev/problems/unknown-field"));
        verify(Map.of("deep", true, "targetSourceId", "not-a-uuid")).then().statusCode(400)
                .body("field", equalTo("targetSourceId"));
    }

    @Test
    void onlyACompletedBackupOfTheTenantIsVerified() throws Exception {
        TestBackups.setState(backupId, "running");
        verify(Map.of()).then().statusCode(409).body("type", equalTo("https://arca.dev/problems/conflict"))
                .body("detail", containsString("running"));
        as(tenant.operator()).body(Map.of()).post("/api/v1/backups/" + UUID.randomUUID() + "/verify").then()
                .statusCode(404);
        TenantKeys other = newTenant();
        as(other.operator()).body(Map.of()).post("/api/v1/backups/" + backupId + "/verify").then().statusCode(404);
        as(tenant.viewer()).body(Map.of()).post("/api/v1/backups/" + backupId + "/verify").then().statusCode(403);
    }

    @Test
    void aBackupsVerificationsArePagedNewestFirst() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = verify(Map.of()).then().statusCode(202).extract().path("id");
            setVerificationState(id, "completed");
            ids.add(0, id);
        }
        Response first = as(tenant.viewer()).queryParam("limit", 2)
                .get("/api/v1/backups/" + backupId + "/verifications");
        first.then().statusCode(200).body("items.id", equalTo(ids.subList(0, 2)))
                .body("nextCursor", notNullValue());
        as(tenant.viewer()).queryParam("limit", 2).queryParam("cursor", first.path("nextCursor").toString())
                .get("/api/v1/backups/" + backupId + "/verifications").then().statusCode(200)
                .body("items.id", equalTo(ids.subList(2, 3))).body("nextCursor", nullValue());

        TenantKeys other = newTenant();
        as(other.viewer()).get("/api/v1/backups/" + backupId + "/verifications").then().statusCode(404);
        as(other.viewer()).get("/api/v1/verifications/" + ids.get(0)).then().statusCode(404);
        as(tenant.viewer()).get("/api/v1/verifications/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo("https://arca.dev/problems/not-found"));
        // the backup itself still answers at its own path beside these sub-resources
        as(tenant.viewer()).get("/api/v1/backups/" + backupId).then().statusCode(200).body("id", equalTo(backupId));
    }

    private static void setVerificationState(String id, String state) throws Exception {
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement(
                "update verifications set state = ? where id = ?")) {
            s.setString(1, state);
            s.setObject(2, UUID.fromString(id));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
