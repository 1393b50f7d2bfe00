package io.arca.api.apikey;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyRevokeTest extends ApiTest {
    private static final String PROBLEM = "https://arca.dev/problems/";

    @Test
    void aRevokedKeyIs401AndRevokingAgainChangesNothing() {
        TenantKeys tenant = newTenant();
        IssuedKey key = IssuedKey.issue(tenant.admin(), "viewer");
        as(key.secret()).get("/api/v1/sources").then().statusCode(200);
        as(tenant.admin()).delete("/api/v1/api-keys/" + key.id()).then().statusCode(204);
        as(key.secret()).get("/api/v1/sources").then().statusCode(401)
                .body("type", equalTo(PROBLEM + "unauthorized"));
        String revokedAt = as(tenant.admin()).get("/api/v1/api-keys/" + key.id()).then().statusCode(200)
                .body("revokedAt", notNullValue()).extract().path("revokedAt");
        as(tenant.admin()).delete("/api/v1/api-keys/" + key.id()).then().statusCode(204);
        as(tenant.admin()).get("/api/v1/api-keys/" + key.id()).then().body("revokedAt", equalTo(revokedAt));
    }

    @Test
    void theBootstrapKeyCannotBeRevokedThroughTheApi() {
        String id = as(BOOTSTRAP_KEY).get("/api/v1/api-keys?limit=200").then().statusCode(200).extract()
                .<List<Map<String, Object>>>path("items").stream()
                .filter(k -> "bootstrap".equals(k.get("name"))).map(k -> (String) k.get("id")).findFirst().orElseThrow();
        as(BOOTSTRAP_KEY).delete("/api/v1/api-keys/" + id).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "conflict"));
        as(BOOTSTRAP_KEY).get("/api/v1/sources").then().statusCode(200);
    }
}
