package io.arca.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyRevokeTest extends ApiTest {
    private static final String PROBLEM = "https://arca.dev/problems/";

    @TestHTTPResource("/api/v1/api-keys/")
    URI keys;

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

    @Test
    void theLastActiveAdminKeyCannotRevokeItself() {
        TenantKeys tenant = newTenant();
        String adminId = idOf(tenant.admin(), tenant.admin());
        as(tenant.admin()).delete("/api/v1/api-keys/" + adminId).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "last-admin-key"))
                .body("status", equalTo(409));
        as(tenant.admin()).get("/api/v1/api-keys/" + adminId).then().statusCode(200).body("revokedAt", equalTo(null));
    }

    @Test
    void anAdminKeyCanGoWhileAnotherRemainsAndThenTheOtherStays() {
        TenantKeys tenant = newTenant();
        String firstId = idOf(tenant.admin(), tenant.admin());
        IssuedKey second = IssuedKey.issue(tenant.admin(), "admin");
        as(second.secret()).delete("/api/v1/api-keys/" + firstId).then().statusCode(204);
        as(tenant.admin()).get("/api/v1/sources").then().statusCode(401);
        as(second.secret()).delete("/api/v1/api-keys/" + second.id()).then().statusCode(409)
                .body("type", equalTo(PROBLEM + "last-admin-key"));
        // the revoked one is not "active": revoking it again is still the idempotent 204
        as(second.secret()).delete("/api/v1/api-keys/" + firstId).then().statusCode(204);
        // operator and viewer keys never count as admins, and revoking them is unaffected
        as(second.secret()).delete("/api/v1/api-keys/" + idOf(second.secret(), tenant.viewer())).then().statusCode(204);
    }

    /** Two admins revoking each other at the same moment: one wins, the tenant keeps exactly one admin key. */
    @Test
    void concurrentRevocationsLeaveOneAdmin() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int round = 0; round < 5; round++) {
            TenantKeys tenant = newTenant();
            String firstId = idOf(tenant.admin(), tenant.admin());
            IssuedKey second = IssuedKey.issue(tenant.admin(), "admin");
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Integer> firstRevokesSecond = revokeWhen(start, http, tenant.admin(), second.id());
            CompletableFuture<Integer> secondRevokesFirst = revokeWhen(start, http, second.secret(), firstId);
            start.countDown();
            List<Integer> statuses = List.of(firstRevokesSecond.get(), secondRevokesFirst.get());
            // the loser sees 409 (it got past authentication first) or 401 (its key was already revoked)
            assertThat(statuses).containsOnlyOnce(204).containsAnyOf(409, 401);
            List<String> working = List.of(tenant.admin(), second.secret()).stream()
                    .filter(secret -> as(secret).get("/api/v1/api-keys").statusCode() == 200).toList();
            assertThat(working).hasSize(1);
            List<Map<String, Object>> keys = as(working.get(0)).get("/api/v1/api-keys").then().extract().path("items");
            assertThat(keys).filteredOn(k -> "admin".equals(k.get("role")) && k.get("revokedAt") == null).hasSize(1);
        }
    }

    private CompletableFuture<Integer> revokeWhen(CountDownLatch start, HttpClient http, String secret, String id) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
                HttpRequest request = HttpRequest.newBuilder(keys.resolve(id)).DELETE()
                        .header("Authorization", "Bearer " + secret).build();
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The id of the key with this secret, found by its shown prefix among the keys the admin key lists. */
    private static String idOf(String adminSecret, String secret) {
        List<Map<String, Object>> items = as(adminSecret).get("/api/v1/api-keys?limit=200").then().statusCode(200)
                .extract().path("items");
        return items.stream().filter(k -> secret.startsWith((String) k.get("prefix")))
                .map(k -> (String) k.get("id")).findFirst().orElseThrow();
    }
}
