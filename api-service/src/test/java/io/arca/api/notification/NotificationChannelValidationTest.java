package io.arca.api.notification;

import static io.arca.api.notification.Channels.PATH;
import static io.arca.api.notification.Channels.PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every bad channel input gets a problem naming what is wrong, and nothing is stored: invalid-notification-channel
 * (422, the field named), destination-not-allowed (422), channel-limit-reached (409), malformed JSON (400).
 */
@QuarkusTest
class NotificationChannelValidationTest extends ApiTest {

    @Test
    void aWebhookUrlMustBeHttpOrHttpsWithAHostAndNoCredentials() {
        TenantKeys tenant = newTenant();
        for (String url : List.of("ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)",
                "gopher://127.0.0.1:70/", "/relative/hook")) {
            invalid(tenant, webhookWith("url", url), "url").body("detail", containsString("http or https"));
        }
        invalid(tenant, webhookWith("url", "https://user:pass@127.0.0.1/hook"), "url")
                .body("detail", containsString("credentials"));
        invalid(tenant, webhookWith("url", "https://token@127.0.0.1/hook"), "url")
                .body("detail", containsString("credentials"));
        invalid(tenant, webhookWith("url", "http:///nohost"), "url").body("detail", containsString("no host"));
        invalid(tenant, webhookWith("url", "http://exa mple.com/"), "url");
        invalid(tenant, webhookWith("url", "127.0.0.1:8080/hook"), "url");
        invalid(tenant, webhookWith("url", "https://127.0.0.1/" + "a".repeat(2100)), "url");
        Map<String, Object> noUrl = new HashMap<>(Channels.webhook("hook"));
        noUrl.remove("url");
        invalid(tenant, noUrl, "url").body("detail", containsString("required"));
        assertNothingStored(tenant);
    }

    @Test
    void aWebhookToADeniedNetworkIsRefused() {
        TenantKeys tenant = newTenant();
        // the cloud metadata address: link-local is denied, and only loopback is allowed in the test profile
        as(tenant.admin()).body(webhookWith("url", "http://169.254.169.254/latest/meta-data/")).post(PATH)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "destination-not-allowed")).body("field", equalTo("url"))
                .body("detail", containsString("169.254.0.0/16"));
        as(tenant.admin()).body(webhookWith("url", "http://0.0.0.0:8080/")).post(PATH)
                .then().statusCode(422).body("type", equalTo(PROBLEM + "destination-not-allowed"));
        assertNothingStored(tenant);
        // and a change to a denied address is refused the same way
        String hook = Channels.create(tenant.admin(), Channels.webhook("hook")).path("id");
        as(tenant.admin()).body(Map.of("url", "http://[fe80::1]/")).patch(PATH + "/" + hook)
                .then().statusCode(422).body("type", equalTo(PROBLEM + "destination-not-allowed"));
        as(tenant.admin()).get(PATH + "/" + hook).then().body("url", equalTo(Channels.RECEIVER));
    }

    @Test
    void unknownOrMissingEventTypesAreNamed() {
        TenantKeys tenant = newTenant();
        invalid(tenant, webhookWith("eventTypes", List.of("backup.failed", "backup.exploded")), "eventTypes")
                .body("detail", containsString("backup.exploded"));
        invalid(tenant, webhookWith("eventTypes", List.of("nothing.*")), "eventTypes")
                .body("detail", containsString("nothing.*"));
        // stream-only and test types are not for channels
        invalid(tenant, webhookWith("eventTypes", List.of("backup.progress")), "eventTypes");
        invalid(tenant, webhookWith("eventTypes", List.of("notification.test")), "eventTypes");
        invalid(tenant, webhookWith("eventTypes", List.of()), "eventTypes");
        assertNothingStored(tenant);
    }

    @Test
    void recipientsMustBeValidEmailAddresses() {
        TenantKeys tenant = newTenant();
        for (String address : List.of("not-an-address", "a@", "@example.com", "a b@example.com",
                "ops@example.com\r\nBcc: evil@example.com", "ops@-example.com")) {
            invalid(tenant, emailWith("recipients", List.of("ok@example.com", address)), "recipients")
                    .body("detail", containsString("not a valid email address"));
        }
        invalid(tenant, emailWith("recipients", List.of()), "recipients");
        invalid(tenant, emailWith("digestMinutes", 0), "digestMinutes");
        invalid(tenant, emailWith("digestMinutes", 1441), "digestMinutes");
        assertNothingStored(tenant);
    }

    @Test
    void hostileHeadersAreRefused() {
        TenantKeys tenant = newTenant();
        for (String name : List.of("webhook-signature", "Webhook-Id", "Content-Type", "Host", "content-length",
                "Transfer-Encoding", "Connection")) {
            invalid(tenant, webhookWith("headers", Map.of(name, "x")), "headers." + name)
                    .body("detail", containsString("set by Arca"));
        }
        for (String name : List.of("X-Evil\r\nInjected", "X Space", "X:Colon", "")) {
            invalid(tenant, webhookWith("headers", Map.of(name, "x")), "headers");
        }
        for (String value : List.of("a\r\nX-Injected: 1", "a\nb", "nul\u0000", "caf\u00e9", "x".repeat(1025))) {
            invalid(tenant, webhookWith("headers", Map.of("X-Token", value)), "headers.X-Token");
        }
        Map<String, Object> twice = new LinkedHashMap<>();
        twice.put("X-Token", "a");
        twice.put("x-token", "b");
        invalid(tenant, webhookWith("headers", twice), "headers.x-token");
        assertNothingStored(tenant);
    }

    @Test
    void fieldsOfTheOtherKindAndBadNamesOrKindsAreRefused() {
        TenantKeys tenant = newTenant();
        invalid(tenant, webhookWith("recipients", List.of("ops@example.com")), "recipients")
                .body("detail", containsString("does not apply to webhook"));
        invalid(tenant, webhookWith("digestMinutes", 5), "digestMinutes");
        invalid(tenant, emailWith("url", Channels.RECEIVER), "url");
        invalid(tenant, emailWith("headers", Map.of("X-A", "b")), "headers");
        invalid(tenant, webhookWith("kind", "sms"), "kind");
        invalid(tenant, webhookWith("name", " leading space"), "name");
        assertNothingStored(tenant);
        String hook = Channels.create(tenant.admin(), Channels.webhook("hook")).path("id");
        as(tenant.admin()).body(Map.of("recipients", List.of("a@example.com"))).patch(PATH + "/" + hook)
                .then().statusCode(422).body("field", equalTo("recipients"));
        as(tenant.admin()).body(Channels.webhook("hook")).post(PATH).then().statusCode(409)
                .body("type", equalTo(PROBLEM + "conflict")).body("field", equalTo("name"));
    }

    @Test
    void malformedOrMistypedJsonIs400() {
        TenantKeys tenant = newTenant();
        as(tenant.admin()).body("{\"name\": \"x\", ").post(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "malformed-json"));
        as(tenant.admin()).body(webhookWith("headers", Map.of("X-Num", 5))).post(PATH).then().statusCode(400)
                .body("type", equalTo(PROBLEM + "invalid-type"));
        as(tenant.admin()).body(webhookWith("secret", "whsec_mine")).post(PATH).then().statusCode(400)
                .body("type", equalTo(PROBLEM + "unknown-field"));
        assertNothingStored(tenant);
    }

    @Test
    void aTenantHasAtMostTheConfiguredNumberOfChannels() {
        TenantKeys tenant = newTenant();
        TenantKeys other = newTenant();
        // arca.notifications.max-channels-per-tenant keeps its default (20) in the test profile
        for (int i = 0; i < 20; i++) {
            Channels.create(tenant.admin(), Channels.email("mail " + i));
        }
        as(tenant.admin()).body(Channels.email("one too many")).post(PATH).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(PROBLEM + "channel-limit-reached"))
                .body("detail", containsString("20"));
        // the limit is per tenant, and deleting one makes room again
        Channels.create(other.admin(), Channels.email("elsewhere"));
        String first = as(tenant.admin()).get(PATH + "?limit=1").then().extract().path("items[0].id");
        as(tenant.admin()).delete(PATH + "/" + first).then().statusCode(204);
        Channels.create(tenant.admin(), Channels.email("one too many"));
    }

    @Test
    void rotationOverlapMustBeInRangeAndEmailChannelsHaveNoSecret() {
        TenantKeys tenant = newTenant();
        String hook = Channels.create(tenant.admin(), Channels.webhook("hook")).path("id");
        for (int hours : new int[] {-1, 169}) {
            as(tenant.admin()).body(Map.of("overlapHours", hours)).post(PATH + "/" + hook + "/rotate-secret")
                    .then().statusCode(422).body("type", equalTo(PROBLEM + "invalid-notification-channel"))
                    .body("field", equalTo("overlapHours"));
        }
        String mail = Channels.create(tenant.admin(), Channels.email("mail")).path("id");
        as(tenant.admin()).body(Map.of()).post(PATH + "/" + mail + "/rotate-secret").then().statusCode(409)
                .body("field", equalTo("kind"));
        as(tenant.admin()).post(PATH + "/" + UUID.randomUUID() + "/rotate-secret").then().statusCode(404);
    }

    private static ValidatableResponse invalid(TenantKeys tenant, Map<String, Object> body, String field) {
        return as(tenant.admin()).body(body).post(PATH).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "invalid-notification-channel")).body("field", equalTo(field));
    }

    private static void assertNothingStored(TenantKeys tenant) {
        List<?> items = as(tenant.admin()).get(PATH).then().statusCode(200).extract().path("items");
        assertThat(items).isEmpty();
    }

    private static Map<String, Object> webhookWith(String field, Object value) {
        Map<String, Object> body = new HashMap<>(Channels.webhook("hook"));
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> emailWith(String field, Object value) {
        Map<String, Object> body = new HashMap<>(Channels.email("mail"));
        body.put(field, value);
        return body;
    }
}
