package io.arca.api.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PinApiTest extends ApiTest {
    private TenantKeys tenant;
    private String sourceId;
    private UUID backup;

    @BeforeEach
    void completedBackup() throws Exception {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
        backup = RetentionRows.backup(tenant.tenantId(), sourceId, null, "completed", Instant.now().minusSeconds(60));
    }

    private String pinUrl() {
        return "/api/v1/backups/" + backup + "/pin";
    }

    @Test
    void pinShowsOnTheBackupUntilUnpinnedAndIsAudited() throws Exception {
        as(tenant.operator()).body(Map.of("reason", "year-end audit")).post(pinUrl()).then().statusCode(200)
                .body("id", equalTo(backup.toString())).body("pin.reason", equalTo("year-end audit"))
                .body("pin.pinnedAt", notNullValue());
        as(tenant.viewer()).get("/api/v1/backups/" + backup).then().statusCode(200)
                .body("pin.reason", equalTo("year-end audit")).body("lifecycle", equalTo("live"));

        as(tenant.operator()).post("/api/v1/backups/" + backup + "/unpin").then().statusCode(200)
                .body("pin", nullValue());
        as(tenant.viewer()).get("/api/v1/backups/" + backup).then().statusCode(200).body("pin", nullValue());
        as(tenant.operator()).post("/api/v1/backups/" + backup + "/unpin").then().statusCode(200)
                .body("pin", nullValue());

        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement("select string_agg(action || ':' "
                + "|| coalesce(details->>'reason', '-'), ',' order by id) from audit_log where target_id = ?")) {
            ps.setString(1, backup.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).as("an unpin that changed nothing is not audited")
                        .isEqualTo("backup.pin:year-end audit,backup.unpin:-");
            }
        }
    }

    @Test
    void aReasonIsRequired() {
        // no body, no reason, a blank one, one too long: 400 naming the field
        as(tenant.operator()).post(pinUrl()).then().statusCode(400).body("field", equalTo("reason"));
        as(tenant.operator()).body(Map.of()).post(pinUrl()).then().statusCode(400).body("field", equalTo("reason"))
                .body("type", containsString("validation-failed"));
        as(tenant.operator()).body(Map.of("reason", "  ")).post(pinUrl()).then().statusCode(400)
                .body("field", equalTo("reason"));
        as(tenant.operator()).body(Map.of("reason", "x".repeat(501))).post(pinUrl()).then().statusCode(400)
                .body("detail", containsString("500"));
        as(tenant.operator()).body(Map.of("reason", "x".repeat(500))).post(pinUrl()).then().statusCode(200);
    }

    @Test
    void unknownBackupsAndOtherTenantsBackupsAre404AndViewersMayNotPin() {
        as(tenant.operator()).body(Map.of("reason", "r")).post("/api/v1/backups/" + UUID.randomUUID() + "/pin")
                .then().statusCode(404);
        TenantKeys other = newTenant();
        as(other.operator()).body(Map.of("reason", "r")).post(pinUrl()).then().statusCode(404);
        as(other.operator()).post("/api/v1/backups/" + backup + "/unpin").then().statusCode(404);
        as(tenant.viewer()).body(Map.of("reason", "r")).post(pinUrl()).then().statusCode(403);
    }

    @Test
    void aBackupOnItsWayOutOrFailedCannotBePinned() throws Exception {
        for (String lifecycle : new String[] {"expiring", "deleted"}) {
            RetentionRows.exec("update backups set lifecycle = ?, deletion_reason = 'retention' where id = ?",
                    lifecycle, backup);
            as(tenant.operator()).body(Map.of("reason", "r")).post(pinUrl()).then().statusCode(409)
                    .body("detail", containsString(lifecycle));
        }
        UUID failed = RetentionRows.backup(tenant.tenantId(), sourceId, null, "failed", Instant.now());
        as(tenant.operator()).body(Map.of("reason", "r")).post("/api/v1/backups/" + failed + "/pin").then()
                .statusCode(409).body("detail", containsString("failed"));
    }

    @Test
    void theBackupRoutesBesideThePinStillAnswer() {
        as(tenant.viewer()).get("/api/v1/backups/" + backup).then().statusCode(200);
        as(tenant.viewer()).get("/api/v1/backups?limit=5").then().statusCode(200);
        as(tenant.viewer()).get("/api/v1/sources/" + sourceId).then().statusCode(200)
                .body("retention", nullValue());
    }
}
