package io.arca.api.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthTest extends ApiTest {
    private static final String PROBLEM = "https://arca.dev/problems/";

    @Test
    void noKeyIs401() {
        given().get("/api/v1/sources").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "unauthorized"))
                .header("WWW-Authenticate", "Bearer realm=\"arca\"");
    }

    @Test
    void malformedOrUnknownKeyIs401() {
        given().header("Authorization", "Basic YTpi").get("/api/v1/sources").then().statusCode(401);
        given().header("Authorization", "Bearer ").get("/api/v1/sources").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-key").get("/api/v1/sources").then().statusCode(401);
        as("arca_" + "x".repeat(40)).get("/api/v1/sources").then().statusCode(401)
                .body("type", equalTo(PROBLEM + "unauthorized"));
    }

    @Test
    void viewerReadsButCannotWrite() {
        TenantKeys tenant = newTenant();
        as(tenant.viewer()).get("/api/v1/sources").then().statusCode(200);
        as(tenant.viewer()).get("/api/v1/backups").then().statusCode(200);
        as(tenant.viewer()).body(reachableSource("v")).post("/api/v1/sources").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "forbidden"));
        String sourceId = createSource(tenant.operator(), "viewer-test");
        as(tenant.viewer()).body(backupRequest(sourceId)).post("/api/v1/backups").then().statusCode(403);
        as(tenant.viewer()).body(reachableSource("viewer-test")).put("/api/v1/sources/" + sourceId).then().statusCode(403);
        as(tenant.viewer()).delete("/api/v1/sources/" + sourceId).then().statusCode(403);
        as(tenant.viewer()).post("/api/v1/sources/" + sourceId + "/check").then().statusCode(403);
        as(tenant.viewer()).get("/api/v1/api-keys").then().statusCode(403);
    }

    @Test
    void operatorWritesSourcesAndBackupsButNotKeys() {
        TenantKeys tenant = newTenant();
        String sourceId = createSource(tenant.operator(), "operator-test");
        as(tenant.operator()).body(backupRequest(sourceId)).post("/api/v1/backups").then().statusCode(202);
        as(tenant.operator()).get("/api/v1/api-keys").then().statusCode(403);
        as(tenant.operator()).body(Map.of("name", "x", "role", "viewer")).post("/api/v1/api-keys")
                .then().statusCode(403);
        as(tenant.operator()).body(Map.of("name", "x")).post("/api/v1/tenants").then().statusCode(403);
    }

    @Test
    void onlyTheBootstrapKeyCreatesTenants() {
        TenantKeys tenant = newTenant();
        as(tenant.admin()).body(Map.of("name", "sneaky")).post("/api/v1/tenants").then().statusCode(403);
        var created = as(BOOTSTRAP_KEY).body(Map.of("name", "acme-" + System.nanoTime())).post("/api/v1/tenants")
                .then().statusCode(201).body("adminKey.role", equalTo("admin")).extract();
        String name = created.path("tenant.name");
        as(BOOTSTRAP_KEY).body(Map.of("name", name)).post("/api/v1/tenants").then().statusCode(409)
                .body("field", equalTo("name"));
        as(BOOTSTRAP_KEY).body(Map.of("name", "Not Valid!")).post("/api/v1/tenants").then().statusCode(400)
                .body("field", equalTo("name"));
        as((String) created.path("adminKey.secret")).get("/api/v1/sources").then().statusCode(200);
    }
}
