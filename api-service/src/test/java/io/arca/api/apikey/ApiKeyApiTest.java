package io.arca.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Creating, reading and listing API keys; revocation is in {@link ApiKeyRevokeTest}. */
@QuarkusTest
class ApiKeyApiTest extends ApiTest {
    private static final String PROBLEM = "https://arca.dev/problems/";

    @Test
    void adminCreatesAKeyAndTheSecretIsShownOnce() {
        TenantKeys tenant = newTenant();
        var created = as(tenant.admin()).body(Map.of("name", "ci", "role", "operator")).post("/api/v1/api-keys")
                .then().statusCode(201).header("Location", containsString("/api/v1/api-keys/"))
                .body("role", equalTo("operator")).extract();
        String secret = created.path("secret");
        assertThat(secret).startsWith("arca_").hasSizeGreaterThanOrEqualTo(45);
        assertThat((String) created.path("prefix")).isEqualTo(secret.substring(0, 12));
        String id = created.path("id");
        as(tenant.admin()).get("/api/v1/api-keys/" + id).then().statusCode(200)
                .body("name", equalTo("ci")).body("secret", nullValue());
        String listing = as(tenant.admin()).get("/api/v1/api-keys").then().statusCode(200).extract().asString();
        assertThat(listing).doesNotContain(secret).contains(id);
        as(secret).get("/api/v1/sources").then().statusCode(200);
    }

    @Test
    void eachRoleCanBeIssuedAndAnUnknownRoleOrBadNameIsRefused() {
        TenantKeys tenant = newTenant();
        for (String role : List.of("admin", "operator", "viewer")) {
            as(tenant.admin()).body(Map.of("name", role + " key", "role", role)).post("/api/v1/api-keys")
                    .then().statusCode(201).body("role", equalTo(role));
        }
        as(tenant.admin()).body(Map.of("name", "bad", "role", "root")).post("/api/v1/api-keys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "validation-failed")).body("field", equalTo("role"));
        as(tenant.admin()).body(Map.of("name", "bad")).post("/api/v1/api-keys")
                .then().statusCode(400).body("field", equalTo("role"));
        as(tenant.admin()).body(Map.of("name", " leading space", "role", "viewer")).post("/api/v1/api-keys")
                .then().statusCode(400).body("field", equalTo("name"));
    }

    @Test
    void theListPagesNewestFirst() {
        TenantKeys tenant = newTenant();
        for (int i = 0; i < 3; i++) {
            newKey(tenant.admin(), "viewer");
        }
        // newTenant made 3 keys, so 6 in all: pages of 4 and 2
        List<String> seen = new ArrayList<>();
        var first = as(tenant.admin()).get("/api/v1/api-keys?limit=4").then().statusCode(200).extract();
        seen.addAll(first.path("items.id"));
        String next = first.path("nextCursor");
        assertThat(next).isNotNull();
        var second = as(tenant.admin()).queryParam("limit", 4).queryParam("cursor", next).get("/api/v1/api-keys")
                .then().statusCode(200).body("nextCursor", nullValue()).extract();
        seen.addAll(second.path("items.id"));
        assertThat(seen).hasSize(6).doesNotHaveDuplicates();
        List<String> created = as(tenant.admin()).get("/api/v1/api-keys").then().extract().path("items.createdAt");
        assertThat(created.stream().map(Instant::parse).toList()).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void anUnknownKeyIs404() {
        TenantKeys tenant = newTenant();
        as(tenant.admin()).get("/api/v1/api-keys/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "not-found"));
        as(tenant.admin()).delete("/api/v1/api-keys/" + UUID.randomUUID()).then().statusCode(404);
    }
}
