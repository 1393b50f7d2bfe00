package io.arca.api.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.arca.api.backup.TestBackups;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A backup a verification found corrupted is restored only on request ({@code force}). */
@QuarkusTest
class CorruptedRestoreTest extends ApiTest {
    private static final String TWO_PROBLEMS = "{\"state\":\"corrupted\",\"at\":\"2026-11-30T10:00:00Z\","
            + "\"deep\":false,\"verificationId\":\"6f1c0000-0000-4000-8000-000000000001\",\"entriesChecked\":5,"
            + "\"chunksChecked\":9,\"bytesChecked\":4096,\"problems\":["
            + "{\"chunk\":\"ab12\",\"chunkIndex\":0,\"entries\":[{\"name\":\"data/16385\",\"schema\":\"public\","
            + "\"table\":\"orders\"}],\"reason\":\"authentication-failed\",\"detail\":\"tag mismatch\"},"
            + "{\"chunk\":\"cd34\",\"chunkIndex\":3,\"entries\":[{\"name\":\"post-data\"}],\"reason\":\"missing\","
            + "\"detail\":\"no such object\"}],\"tables\":[]}";

    private TenantKeys tenant;
    private String sourceId;
    private String backupId;

    @BeforeEach
    void tenantWithACorruptedBackup() throws Exception {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
        backupId = TestBackups.request(tenant, sourceId);
        TestBackups.setState(backupId, "completed");
        TestBackups.setVerification(backupId, TWO_PROBLEMS, true, null);
    }

    private Map<String, Object> restore(Boolean force) {
        Map<String, Object> body = new HashMap<>();
        body.put("backupId", backupId);
        body.put("target", Map.of("sourceId", sourceId, "database", "shop_restored"));
        if (force != null) {
            body.put("force", force);
        }
        return body;
    }

    @Test
    void isRefusedNamingTheProblemsFound() {
        as(tenant.operator()).body(restore(null)).post("/api/v1/restores").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://arca.dev/problems/backup-corrupted"))
                .body("field", equalTo("force"))
                .body("detail", containsString("2 problems"))
                .body("detail", containsString("6f1c0000-0000-4000-8000-000000000001"));
        as(tenant.operator()).body(restore(false)).post("/api/v1/restores").then().statusCode(409)
                .body("type", equalTo("https://arca.dev/problems/backup-corrupted"));
    }

    @Test
    void isRestoredWithForceWhichTheRestoreKeeps() throws Exception {
        String id = as(tenant.operator()).body(restore(true)).post("/api/v1/restores").then().statusCode(202)
                .body("options.force", equalTo(true)).extract().path("id");
        assertThat(storedForce(id)).isEqualTo("true");
    }

    @Test
    void anIntactBackupsRestoreRecordsForceFalse() throws Exception {
        TestBackups.setVerification(backupId, "{\"state\":\"ok\",\"problems\":[]}", false, null);
        String id = as(tenant.operator()).body(restore(null)).post("/api/v1/restores").then().statusCode(202)
                .body("options.force", equalTo(false)).extract().path("id");
        assertThat(storedForce(id)).isEqualTo("false");
        as(tenant.operator()).body(Map.of("backupId", backupId, "target", Map.of("sourceId", sourceId,
                "database", "x"), "force", "please")).post("/api/v1/restores").then().statusCode(400)
                .body("field", equalTo("force"));
    }

    private static String storedForce(String restoreId) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "select options->>'force' from restores where id = ?")) {
            ps.setObject(1, UUID.fromString(restoreId));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
