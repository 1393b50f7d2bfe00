package io.arca.api.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two tenants: every endpoint of one answers 404 (never 403) for the other's objects, and lists never mix. */
@QuarkusTest
class TenantIsolationTest extends ApiTest {
    private static final String NOT_FOUND = "https://arca.dev/problems/not-found";

    private TenantKeys a;
    private TenantKeys b;
    private String sourceOfA;
    private String backupOfA;
    private String keyOfA;

    @BeforeEach
    void twoTenants() {
        a = newTenant();
        b = newTenant();
        sourceOfA = createSource(a.operator(), "shop");
        backupOfA = as(a.operator()).body(backupRequest(sourceOfA)).post("/api/v1/backups")
                .then().statusCode(202).extract().path("id");
        keyOfA = as(a.admin()).get("/api/v1/api-keys").then().extract().path("items[0].id");
    }

    @Test
    void sourcesOfAnotherTenantAreNotFound() {
        as(b.viewer()).get("/api/v1/sources/" + sourceOfA).then().statusCode(404).body("type", equalTo(NOT_FOUND));
        as(b.operator()).body(reachableSource("shop")).put("/api/v1/sources/" + sourceOfA).then().statusCode(404);
        as(b.operator()).delete("/api/v1/sources/" + sourceOfA).then().statusCode(404);
        as(b.operator()).post("/api/v1/sources/" + sourceOfA + "/check").then().statusCode(404);
        assertThat(ids(as(b.viewer()).get("/api/v1/sources").then().statusCode(200).extract().path("items")))
                .doesNotContain(sourceOfA);
        // the same name is free in another tenant
        createSource(b.operator(), "shop");
        as(a.viewer()).get("/api/v1/sources/" + sourceOfA).then().statusCode(200).body("name", equalTo("shop"));
    }

    @Test
    void backupsOfAnotherTenantAreNotFound() {
        as(b.viewer()).get("/api/v1/backups/" + backupOfA).then().statusCode(404).body("type", equalTo(NOT_FOUND));
        assertThat(ids(as(b.viewer()).get("/api/v1/backups").then().statusCode(200).extract().path("items")))
                .doesNotContain(backupOfA);
        assertThat(ids(as(b.viewer()).queryParam("sourceId", sourceOfA).get("/api/v1/backups")
                .then().statusCode(200).extract().path("items"))).isEmpty();
        // a backup of another tenant's source is refused like an unknown source
        as(b.operator()).body(backupRequest(sourceOfA)).post("/api/v1/backups").then().statusCode(400)
                .body("type", equalTo("https://arca.dev/problems/unknown-source")).body("field", equalTo("sourceId"));
        as(a.viewer()).get("/api/v1/backups/" + backupOfA).then().statusCode(200);
    }

    @Test
    void keysOfAnotherTenantAreNotFound() {
        as(b.admin()).get("/api/v1/api-keys/" + keyOfA).then().statusCode(404);
        as(b.admin()).delete("/api/v1/api-keys/" + keyOfA).then().statusCode(404);
        assertThat(ids(as(b.admin()).get("/api/v1/api-keys").then().statusCode(200).extract().path("items")))
                .doesNotContain(keyOfA).hasSize(3);
        as(a.admin()).get("/api/v1/api-keys/" + keyOfA).then().statusCode(200).body("revokedAt", equalTo(null));
    }

    @Test
    void idempotencyKeysAreScopedToTheTenant() {
        String sourceOfB = createSource(b.operator(), "other");
        String first = as(a.operator()).header("Idempotency-Key", "shared-key").body(backupRequest(sourceOfA))
                .post("/api/v1/backups").then().statusCode(202).extract().path("id");
        String second = as(b.operator()).header("Idempotency-Key", "shared-key").body(backupRequest(sourceOfB))
                .post("/api/v1/backups").then().statusCode(202).extract().path("id");
        assertThat(second).isNotEqualTo(first);
    }

    private static List<String> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> (String) item.get("id")).toList();
    }
}
