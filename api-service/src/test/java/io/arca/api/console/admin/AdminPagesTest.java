package io.arca.api.console.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.arca.api.ApiTest;
import io.arca.api.console.ConsoleSignIn;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The channels, API keys and audit pages: admins see the lists and forms; the others get the 403 page. */
@QuarkusTest
class AdminPagesTest extends ApiTest {

    @Test
    void adminsSeeKeysChannelsAndTheAuditLog() {
        TenantKeys tenant = newTenant();
        String keyId = as(tenant.admin()).body(Map.of("name", "ci-pipeline", "role", "viewer"))
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("id");
        as(tenant.admin()).delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
        String channelId = as(tenant.admin()).body(Map.of("name", "ops-mail", "kind", "email", "eventTypes",
                        java.util.List.of("backup.failed"), "recipients", java.util.List.of("ops@example.com")))
                .post("/api/v1/notification-channels").then().statusCode(201).extract().path("id");
        ConsoleSignIn admin = ConsoleSignIn.as(tenant.admin());

        admin.page().get("/console/api-keys").then().statusCode(200).body(containsString("ci-pipeline"))
                .body(containsString("revoked")).body(containsString("data-api=\"POST /api/v1/api-keys\""))
                .body(not(containsString("DELETE /api/v1/api-keys/" + keyId)));
        admin.page().get("/console/channels").then().statusCode(200).body(containsString("ops-mail"))
                .body(containsString("ops@example.com"))
                .body(containsString("POST /api/v1/notification-channels/" + channelId + "/test"));
        admin.page().get("/console/channels/" + channelId).then().statusCode(200)
                .body(containsString("Delivery log")).body(containsString("No deliveries"));
        admin.page().get("/console/audit").then().statusCode(200).body(containsString("api-key.revoke"))
                .body(containsString("notification-channel.create"))
                .body(containsString("href=\"/console/channels/" + channelId + "\""));
        admin.page().queryParam("action", "api-key.*").get("/console/audit").then().statusCode(200)
                .body(containsString("api-key.revoke")).body(not(containsString("notification-channel.create")));
        admin.page().queryParam("action", "no such thing").get("/console/audit").then().statusCode(400)
                .contentType(containsString("text/html"));
        admin.page().queryParam("state", "lost").get("/console/channels/" + channelId).then().statusCode(400)
                .contentType(containsString("text/html"));
    }

    @Test
    void operatorsAndViewersGetTheForbiddenPage() {
        TenantKeys tenant = newTenant();
        for (String key : new String[] {tenant.operator(), tenant.viewer()}) {
            ConsoleSignIn session = ConsoleSignIn.as(key);
            for (String path : new String[] {"/console/api-keys", "/console/channels", "/console/audit"}) {
                session.page().get(path).then().statusCode(403).contentType(containsString("text/html"));
            }
        }
    }
}
