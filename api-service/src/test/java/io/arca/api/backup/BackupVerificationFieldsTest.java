package io.arca.api.backup;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What verifications leave on backups and sources (written by the worker, simulated here) and the filters on it. */
@QuarkusTest
class BackupVerificationFieldsTest extends ApiTest {
    private static final String OK = "{\"state\":\"ok\",\"at\":\"2026-11-30T10:00:00Z\",\"deep\":true,"
            + "\"verificationId\":\"6f1c0000-0000-4000-8000-000000000002\",\"entriesChecked\":6,\"chunksChecked\":11,"
            + "\"bytesChecked\":123456,\"problems\":[],\"tables\":[{\"schema\":\"public\",\"table\":\"orders\","
            + "\"rows\":120,\"match\":true}]}";
    private static final String CORRUPTED = "{\"state\":\"corrupted\",\"at\":\"2026-11-30T11:00:00Z\","
            + "\"deep\":false,\"problems\":[{\"chunk\":\"ab\",\"chunkIndex\":2,\"entries\":[],\"reason\":\"missing\","
            + "\"detail\":\"gone\"}]}";

    private TenantKeys tenant;
    private String sourceId;
    private String verifiedOk;
    private String corrupted;
    private String neverVerified;

    @BeforeEach
    void threeBackups() throws Exception {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
        verifiedOk = TestBackups.request(tenant, sourceId);
        corrupted = TestBackups.request(tenant, sourceId);
        neverVerified = TestBackups.request(tenant, sourceId);
        for (String id : new String[] {verifiedOk, corrupted, neverVerified}) {
            TestBackups.setState(id, "completed");
        }
        TestBackups.setVerification(verifiedOk, OK, false, Instant.parse("2026-11-30T10:00:00Z"));
        TestBackups.setVerification(corrupted, CORRUPTED, true, null);
    }

    @Test
    void theViewShowsTheVerificationResult() {
        as(tenant.viewer()).get("/api/v1/backups/" + verifiedOk).then().statusCode(200)
                .body("verification.state", equalTo("ok")).body("verification.deep", equalTo(true))
                .body("verification.chunksChecked", equalTo(11)).body("verification.bytesChecked", equalTo(123456))
                .body("verification.tables[0].rows", equalTo(120))
                .body("verifiedAt", notNullValue()).body("corrupted", equalTo(false))
                .body("provenRestorableAt", equalTo("2026-11-30T10:00:00Z"));
        as(tenant.viewer()).get("/api/v1/backups/" + corrupted).then().statusCode(200)
                .body("verification.state", equalTo("corrupted"))
                .body("verification.problems[0].reason", equalTo("missing"))
                .body("corrupted", equalTo(true)).body("provenRestorableAt", nullValue());
        as(tenant.viewer()).get("/api/v1/backups/" + neverVerified).then().statusCode(200)
                .body("verification", nullValue()).body("verifiedAt", nullValue())
                .body("corrupted", equalTo(false)).body("provenRestorableAt", nullValue());
    }

    @Test
    void listsFilterByVerifiedAndCorrupted() {
        assertIds(Map.of("verified", "true"), verifiedOk, corrupted);
        assertIds(Map.of("verified", "false"), neverVerified);
        assertIds(Map.of("corrupted", "true"), corrupted);
        assertIds(Map.of("corrupted", "false"), verifiedOk, neverVerified);
        assertIds(Map.of("verified", "true", "corrupted", "false"), verifiedOk);
        assertIds(Map.of("verified", "false", "corrupted", "true"));
    }

    @Test
    void badFilterValuesNameTheParameter() {
        as(tenant.viewer()).queryParam("verified", "yes").get("/api/v1/backups").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("verified"))
                .body("type", equalTo("https://arca.dev/problems/validation-failed"));
        as(tenant.viewer()).queryParam("corrupted", "1").get("/api/v1/backups").then().statusCode(400)
                .body("field", equalTo("corrupted"));
    }

    @Test
    void theSourceShowsWhenOneOfItsBackupsWasLastProvenRestorable() throws Exception {
        as(tenant.viewer()).get("/api/v1/sources/" + sourceId).then().statusCode(200)
                .body("lastProvenRestorableAt", nullValue());
        Instant proven = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "update sources set last_proven_restorable_at = ? where id = ?")) {
            ps.setObject(1, java.sql.Timestamp.from(proven));
            ps.setObject(2, UUID.fromString(sourceId));
            ps.executeUpdate();
        }
        as(tenant.viewer()).get("/api/v1/sources/" + sourceId).then().statusCode(200)
                .body("lastProvenRestorableAt", equalTo(proven.toString()));

        // the API never writes the worker's column: an update of the source keeps it
        Map<String, Object> update = new HashMap<>(reachableSource("shop-renamed"));
        as(tenant.operator()).body(update).put("/api/v1/sources/" + sourceId).then().statusCode(200)
                .body("name", equalTo("shop-renamed")).body("lastProvenRestorableAt", equalTo(proven.toString()));
    }

    private void assertIds(Map<String, String> filter, String... expected) {
        as(tenant.viewer()).queryParams(filter).get("/api/v1/backups").then().statusCode(200)
                .body("items.id", containsInAnyOrder((Object[]) expected));
    }
}
