package io.arca.api.notification;

import static io.arca.api.notification.Channels.PATH;
import static io.arca.api.notification.Channels.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Creating, reading, listing, changing and deleting channels (admin only, per tenant). */
@QuarkusTest
class NotificationChannelApiTest extends ApiTest {

    @Test
    void aWebhookIsCreatedWithASecretShownOnceAndReadBackWithout() {
        TenantKeys tenant = newTenant();
        var created = as(tenant.admin()).body(Channels.webhook("ops hook")).post(PATH)
                .then().statusCode(201).header("Location", containsString(PATH + "/"))
                .body("kind", equalTo("webhook")).body("enabled", equalTo(true))
                .body("eventTypes", contains("backup.failed", "restore.*"))
                .body("url", equalTo(Channels.RECEIVER)).body("headers.X-Team", equalTo("dba"))
                .body("recipients", nullValue()).body("previousSecretExpiresAt", nullValue()).extract();
        String secret = created.path("secret");
        assertThat(secret).startsWith("whsec_");
        String id = created.path("id");

        String got = as(tenant.admin()).get(PATH + "/" + id).then().statusCode(200)
                .body("name", equalTo("ops hook")).body("$", not(hasKey("secret"))).extract().asString();
        String listed = as(tenant.admin()).get(PATH).then().statusCode(200).body("items.id", contains(id))
                .extract().asString();
        assertThat(got).doesNotContain(secret).doesNotContain("Sealed").doesNotContain("sealed");
        assertThat(listed).doesNotContain(secret);
    }

    @Test
    void anEmailChannelHasRecipientsAndAnOptionalDigest() {
        TenantKeys tenant = newTenant();
        Map<String, Object> body = new HashMap<>(Channels.email("ops mail"));
        body.put("digestMinutes", 15);
        as(tenant.admin()).body(body).post(PATH).then().statusCode(201)
                .body("kind", equalTo("email")).body("recipients", contains("ops@example.com", "dba@example.org"))
                .body("digestMinutes", equalTo(15)).body("eventTypes", contains("*"))
                .body("$", not(hasKey("secret"))).body("url", nullValue());
    }

    @Test
    void theListPagesNewestFirst() {
        TenantKeys tenant = newTenant();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(0, Channels.create(tenant.admin(), Channels.email("mail " + i)).path("id"));
        }
        var first = as(tenant.admin()).get(PATH + "?limit=2").then().statusCode(200).extract();
        List<String> seen = new ArrayList<>(first.path("items.id"));
        String next = first.path("nextCursor");
        assertThat(next).isNotNull();
        as(tenant.admin()).queryParam("limit", 2).queryParam("cursor", next).get(PATH)
                .then().statusCode(200).body("nextCursor", nullValue()).extract()
                .<List<String>>path("items.id").forEach(seen::add);
        assertThat(seen).containsExactlyElementsOf(created);
        as(tenant.admin()).get(PATH + "?limit=0").then().statusCode(400).body("field", equalTo("limit"));
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        TenantKeys tenant = newTenant();
        String hook = Channels.create(tenant.admin(), Channels.webhook("hook")).path("id");
        as(tenant.admin()).body(Map.of("eventTypes", List.of("backup.*"), "headers", Map.of()))
                .patch(PATH + "/" + hook).then().statusCode(200)
                .body("eventTypes", contains("backup.*")).body("headers", equalTo(Map.of()))
                .body("name", equalTo("hook")).body("url", equalTo(Channels.RECEIVER));
        as(tenant.admin()).body(Map.of("name", "renamed", "url", "https://127.0.0.1:8443/x"))
                .patch(PATH + "/" + hook).then().statusCode(200)
                .body("name", equalTo("renamed")).body("url", equalTo("https://127.0.0.1:8443/x"));

        Map<String, Object> digest = new HashMap<>(Channels.email("mail"));
        digest.put("digestMinutes", 30);
        String mail = Channels.create(tenant.admin(), digest).path("id");
        as(tenant.admin()).body(Map.of("recipients", List.of("new@example.com"))).patch(PATH + "/" + mail)
                .then().statusCode(200).body("recipients", contains("new@example.com"))
                .body("digestMinutes", equalTo(30));
        Map<String, Object> noDigest = new HashMap<>();
        noDigest.put("digestMinutes", null);
        as(tenant.admin()).body(noDigest).patch(PATH + "/" + mail).then().statusCode(200)
                .body("digestMinutes", nullValue()).body("recipients", contains("new@example.com"));
    }

    @Test
    void disablingFailsPendingDeliveriesAndReEnablingForgetsTheFailures() throws Exception {
        TenantKeys tenant = newTenant();
        UUID hook = UUID.fromString(Channels.create(tenant.admin(), Channels.webhook("hook")).path("id"));
        UUID pending = SeededDeliveries.deliver(tenant.tenantId(), hook, "backup.failed");
        try (Connection c = catalog()) {
            c.createStatement().execute("update notification_channels set failing_since = now() where id = '"
                    + hook + "'");
        }
        as(tenant.admin()).body(Map.of("enabled", false)).patch(PATH + "/" + hook).then().statusCode(200)
                .body("enabled", equalTo(false)).body("disabledReason", equalTo("manual"))
                .body("disabledAt", notNullValue());
        assertThat(SeededDeliveries.state(pending)).isEqualTo("failed");

        as(tenant.admin()).body(Map.of("enabled", true)).patch(PATH + "/" + hook).then().statusCode(200)
                .body("enabled", equalTo(true)).body("disabledReason", nullValue())
                .body("disabledAt", nullValue()).body("failingSince", nullValue());
    }

    @Test
    void deleteRemovesTheChannelAndItsDeliveries() throws Exception {
        TenantKeys tenant = newTenant();
        UUID hook = UUID.fromString(Channels.create(tenant.admin(), Channels.webhook("hook")).path("id"));
        UUID delivery = SeededDeliveries.deliver(tenant.tenantId(), hook, "backup.failed");
        as(tenant.admin()).delete(PATH + "/" + hook).then().statusCode(204);
        as(tenant.admin()).get(PATH + "/" + hook).then().statusCode(404)
                .body("type", equalTo(PROBLEM + "not-found"));
        as(tenant.admin()).delete(PATH + "/" + hook).then().statusCode(404);
        assertThat(SeededDeliveries.state(delivery)).isNull();
    }

    @Test
    void anotherTenantsChannelIs404EverywhereAndOnlyAdminsMayManageChannels() {
        TenantKeys owner = newTenant();
        TenantKeys other = newTenant();
        String hook = Channels.create(owner.admin(), Channels.webhook("hook")).path("id");
        String url = PATH + "/" + hook;
        as(other.admin()).get(url).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "not-found"));
        as(other.admin()).body(Map.of("name", "mine")).patch(url).then().statusCode(404);
        as(other.admin()).delete(url).then().statusCode(404);
        as(other.admin()).post(url + "/test").then().statusCode(404);
        as(other.admin()).body(Map.of()).post(url + "/rotate-secret").then().statusCode(404);
        as(other.admin()).get(url + "/deliveries").then().statusCode(404);
        as(other.admin()).post(url + "/deliveries/" + UUID.randomUUID() + "/redeliver").then().statusCode(404);
        as(other.admin()).get(PATH).then().statusCode(200).body("items", equalTo(List.of()));

        as(owner.operator()).get(PATH).then().statusCode(403).body("type", equalTo(PROBLEM + "forbidden"));
        as(owner.viewer()).body(Channels.email("x")).post(PATH).then().statusCode(403);
        as(owner.admin()).get(url).then().statusCode(200).body("name", equalTo("hook"));
    }

    @Test
    void changesAreAudited() throws Exception {
        TenantKeys tenant = newTenant();
        String hook = Channels.create(tenant.admin(), Channels.webhook("hook")).path("id");
        as(tenant.admin()).body(Map.of("name", "renamed")).patch(PATH + "/" + hook).then().statusCode(200);
        as(tenant.admin()).body(Map.of()).post(PATH + "/" + hook + "/rotate-secret").then().statusCode(200);
        as(tenant.admin()).delete(PATH + "/" + hook).then().statusCode(204);
        List<String> actions = new ArrayList<>();
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "select action, details::text from audit_log where target_id = ? order by id")) {
            ps.setString(1, hook);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                    assertThat(rs.getString(2)).doesNotContain("whsec_");
                }
            }
        }
        assertThat(actions).containsExactly("notification-channel.create", "notification-channel.update",
                "notification-channel.rotate-secret", "notification-channel.delete");
    }

    @Test
    void openApiDescribesTheChannelEndpointsAndShapes() {
        String spec = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        assertThat(spec).contains("\"" + PATH + "\"", "\"" + PATH + "/{id}\"", "\"" + PATH + "/{id}/test\"",
                "\"" + PATH + "/{id}/rotate-secret\"", "\"" + PATH + "/{id}/deliveries\"",
                "\"" + PATH + "/{id}/deliveries/{deliveryId}/redeliver\"", "\"patch\"",
                "\"UpdateNotificationChannelRequest\"", "\"NotificationDelivery\"", "channel-limit-reached",
                "destination-not-allowed");
        assertThat(spec).doesNotContain("digestMinutesGiven");
    }
}
