package io.arca.api.notification;

import static io.arca.api.notification.Channels.PATH;
import static io.arca.api.notification.Channels.PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The test endpoint, the delivery log and redelivery. No delivery engine runs beside these tests: the test writes
 * attempts as scheduler-service would, and the 202 answer is what an admin gets when no attempt comes in time.
 */
@QuarkusTest
class ChannelDeliveriesApiTest extends ApiTest {

    @Test
    void aTestWithoutAnAttemptInTimeAnswers202WithTheDeliveryPending() throws Exception {
        TenantKeys tenant = newTenant();
        UUID hook = UUID.fromString(Channels.create(tenant.admin(), Channels.webhook("hook")).path("id"));
        var answer = as(tenant.admin()).post(PATH + "/" + hook + "/test").then().statusCode(202)
                .body("outcome", equalTo("pending")).body("responseStatus", nullValue())
                .body("delivery.state", equalTo("pending")).body("delivery.eventType", equalTo("notification.test"))
                .body("delivery.attempts", hasSize(0)).extract();
        UUID eventId = UUID.fromString(answer.path("delivery.eventId"));
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "select type, tenant_id, body->'subject'->>'channelId', body::text from events where id = ?")) {
            ps.setObject(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the test event is in the event log").isTrue();
                assertThat(rs.getString(1)).isEqualTo("notification.test");
                assertThat(rs.getObject(2, UUID.class)).isEqualTo(tenant.tenantId());
                assertThat(rs.getString(3)).isEqualTo(hook.toString());
                assertThat(rs.getString(4)).doesNotContain("whsec_");
            }
        }
        as(tenant.admin()).get(PATH + "/" + hook + "/deliveries").then().statusCode(200)
                .body("items.eventId", contains(eventId.toString()));
    }

    @Test
    void aTestAnswers200WithTheFirstAttemptsOutcomeOnceTheEngineRecordsIt() throws Exception {
        TenantKeys tenant = newTenant();
        UUID hook = UUID.fromString(Channels.create(tenant.admin(), Channels.webhook("hook")).path("id"));
        CompletableFuture<Response> request = CompletableFuture.supplyAsync(
                () -> as(tenant.admin()).post(PATH + "/" + hook + "/test"));
        UUID delivery = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        while (delivery == null && System.nanoTime() < deadline) {
            delivery = SeededDeliveries.newestOf(hook);
            Thread.sleep(20);
        }
        assertThat(delivery).as("the test's delivery row, while the request waits").isNotNull();
        // the engine's first attempt: the receiver answered 500
        SeededDeliveries.attempt(delivery, 1, "failed", 500, "HTTP 500", "pending");
        request.get(30, TimeUnit.SECONDS).then().statusCode(200)
                .body("outcome", equalTo("failed")).body("responseStatus", equalTo(500))
                .body("latencyMs", equalTo(11)).body("error", equalTo("HTTP 500"))
                .body("delivery.id", equalTo(delivery.toString())).body("delivery.state", equalTo("pending"))
                .body("delivery.attempts[0].excerpt", equalTo("answer 1"));
    }

    @Test
    void theDeliveryLogPagesNewestFirstFiltersByStateAndShowsTheLastTenAttempts() throws Exception {
        TenantKeys tenant = newTenant();
        UUID hook = UUID.fromString(Channels.create(tenant.admin(), Channels.webhook("hook")).path("id"));
        UUID retried = SeededDeliveries.deliver(tenant.tenantId(), hook, "backup.failed");
        for (int n = 1; n <= 12; n++) {
            SeededDeliveries.attempt(retried, n, n < 12 ? "failed" : "delivered", n < 12 ? 503 : 200,
                    n < 12 ? "HTTP 503" : null, n < 12 ? "pending" : "delivered");
        }
        UUID failed = SeededDeliveries.deliver(tenant.tenantId(), hook, "restore.failed");
        SeededDeliveries.attempt(failed, 1, "failed", null, "connect timed out", "failed");
        UUID pending = SeededDeliveries.deliver(tenant.tenantId(), hook, "backup.failed");

        String url = PATH + "/" + hook + "/deliveries";
        var all = as(tenant.admin()).get(url).then().statusCode(200)
                .body("items.id", contains(pending.toString(), failed.toString(), retried.toString()))
                .body("items[2].state", equalTo("delivered")).body("items[2].attempt", equalTo(12))
                .body("items[2].deliveredAt", notNullValue())
                .body("items[2].attempts", hasSize(10))
                .body("items[2].attempts.attempt", contains(12, 11, 10, 9, 8, 7, 6, 5, 4, 3))
                .body("items[2].attempts[0].outcome", equalTo("delivered"))
                .body("items[2].attempts[0].responseStatus", equalTo(200))
                .body("items[2].attempts[1].error", equalTo("HTTP 503"))
                .body("items[1].attempts[0].responseStatus", nullValue())
                .body("items[1].attempts[0].error", equalTo("connect timed out"))
                .body("items[0].attempts", hasSize(0)).extract();
        assertThat(all.<String>path("items[0].eventType")).isEqualTo("backup.failed");

        List<String> paged = new ArrayList<>();
        var first = as(tenant.admin()).get(url + "?limit=2").then().statusCode(200).extract();
        paged.addAll(first.path("items.id"));
        as(tenant.admin()).queryParam("limit", 2).queryParam("cursor", first.<String>path("nextCursor")).get(url)
                .then().statusCode(200).body("nextCursor", nullValue()).extract()
                .<List<String>>path("items.id").forEach(paged::add);
        assertThat(paged).containsExactly(pending.toString(), failed.toString(), retried.toString());

        as(tenant.admin()).get(url + "?state=failed").then().statusCode(200)
                .body("items.id", contains(failed.toString()));
        as(tenant.admin()).get(url + "?state=delivered").then().body("items.id", contains(retried.toString()));
        as(tenant.admin()).get(url + "?state=lost").then().statusCode(400)
                .body("type", equalTo(PROBLEM + "validation-failed")).body("field", equalTo("state"));
        as(tenant.admin()).get(url + "?cursor=nonsense").then().statusCode(400).body("field", equalTo("cursor"));
        as(tenant.admin()).get(PATH + "/" + UUID.randomUUID() + "/deliveries").then().statusCode(404);
    }

    @Test
    void redeliveryQueuesAFinishedDeliveryAgainAndRefusesOneInProgress() throws Exception {
        TenantKeys tenant = newTenant();
        UUID hook = UUID.fromString(Channels.create(tenant.admin(), Channels.webhook("hook")).path("id"));
        UUID failed = SeededDeliveries.deliver(tenant.tenantId(), hook, "backup.failed");
        SeededDeliveries.attempt(failed, 1, "failed", 410, "HTTP 410", "failed");
        String redeliver = PATH + "/" + hook + "/deliveries/" + failed + "/redeliver";

        as(tenant.admin()).post(redeliver).then().statusCode(202)
                .body("id", equalTo(failed.toString())).body("state", equalTo("pending"))
                .body("nextAttemptAt", notNullValue()).body("attempts", hasSize(1));
        assertThat(SeededDeliveries.state(failed)).isEqualTo("pending");
        // pending now: the engine sends it anyway
        as(tenant.admin()).post(redeliver).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM + "delivery-in-progress"));

        SeededDeliveries.attempt(failed, 2, "delivered", 200, null, "delivered");
        as(tenant.admin()).post(redeliver).then().statusCode(202).body("state", equalTo("pending"));
    }

    @Test
    void redeliveryOfAnUnknownOrForeignDeliveryIs404() throws Exception {
        TenantKeys tenant = newTenant();
        TenantKeys other = newTenant();
        UUID hook = UUID.fromString(Channels.create(tenant.admin(), Channels.webhook("hook")).path("id"));
        UUID mail = UUID.fromString(Channels.create(tenant.admin(), Channels.email("mail")).path("id"));
        UUID delivery = SeededDeliveries.deliver(tenant.tenantId(), hook, "backup.failed");
        SeededDeliveries.attempt(delivery, 1, "failed", 500, "HTTP 500", "failed");

        as(tenant.admin()).post(PATH + "/" + hook + "/deliveries/" + UUID.randomUUID() + "/redeliver")
                .then().statusCode(404).body("type", equalTo(PROBLEM + "not-found"));
        // the delivery exists, but under another channel
        as(tenant.admin()).post(PATH + "/" + mail + "/deliveries/" + delivery + "/redeliver").then().statusCode(404);
        as(other.admin()).post(PATH + "/" + hook + "/deliveries/" + delivery + "/redeliver").then().statusCode(404);
        as(tenant.admin()).post(PATH + "/" + hook + "/deliveries/not-a-uuid/redeliver").then().statusCode(404);
        assertThat(SeededDeliveries.state(delivery)).isEqualTo("failed");
    }

    @Test
    void redeliveryNeedsAnEnabledChannelAndAnEventStillInTheLog() throws Exception {
        TenantKeys tenant = newTenant();
        UUID hook = UUID.fromString(Channels.create(tenant.admin(), Channels.webhook("hook")).path("id"));
        UUID delivery = SeededDeliveries.deliver(tenant.tenantId(), hook, "backup.failed");
        SeededDeliveries.attempt(delivery, 1, "failed", 500, "HTTP 500", "failed");
        String redeliver = PATH + "/" + hook + "/deliveries/" + delivery + "/redeliver";

        as(tenant.admin()).body(Map.of("enabled", false)).patch(PATH + "/" + hook).then().statusCode(200);
        as(tenant.admin()).post(redeliver).then().statusCode(409).body("type", equalTo(PROBLEM + "conflict"))
                .body("field", equalTo("enabled"));
        as(tenant.admin()).body(Map.of("enabled", true)).patch(PATH + "/" + hook).then().statusCode(200);

        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement("delete from events where id = "
                + "(select event_id from notification_deliveries where id = ?)")) {
            ps.setObject(1, delivery);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        as(tenant.admin()).post(redeliver).then().statusCode(409)
                .body("detail", containsString("no longer in the event log"));
        assertThat(SeededDeliveries.state(delivery)).isEqualTo("failed");
    }
}
