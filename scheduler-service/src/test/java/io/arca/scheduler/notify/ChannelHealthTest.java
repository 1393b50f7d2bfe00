package io.arca.scheduler.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.common.crypto.SecretSealer;
import io.arca.common.messages.ArcaEvent;
import io.arca.events.delivery.WebhookSecrets;
import io.arca.storage.MasterKeyConfig;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries running out, a channel disabled after sustained failure, and the delivery metrics. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class ChannelHealthTest {
    @Inject
    AgroalDataSource db;
    @Inject
    MasterKeyConfig security;

    NotifyRows rows;
    Receiver receiver;
    String secret = WebhookSecrets.generate();

    @BeforeEach
    void setUp() throws Exception {
        rows = new NotifyRows(db, SecretSealer.fromBase64(security.masterKey()));
        receiver = new Receiver();
        receiver.on("/down", (ex, r, nth) -> Receiver.respond(ex, 503, "maintenance"));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void whenEveryRetryFailsTheDeliveryFailsWithTheLastReason() throws Exception {
        UUID channel = rows.webhook(receiver.url("/down"), secret);
        UUID delivery = rows.backupFailed(channel, "x");

        rows.awaitState(delivery, "failed");

        // retry-delays=1s,1s in %test: the first attempt and two retries
        assertThat(rows.attempts(delivery)).extracting(NotifyRows.Attempt::attempt).containsExactly(1, 2, 3);
        assertThat(rows.attempts(delivery)).allSatisfy(a -> assertThat(a.error()).isEqualTo("HTTP 503"));
        assertThat(receiver.requests("/down")).extracting(Receiver.Request::webhookId).hasSize(3)
                .containsOnly(rows.eventId(delivery));
        assertThat(rows.catalog.text("select last_error || '/' || last_status || '/' || (next_attempt_at is null) "
                + "from notification_deliveries where id = ?", delivery)).isEqualTo("HTTP 503/503/true");
        assertThat(rows.catalog.text("select enabled and failing_since is not null from notification_channels "
                + "where id = ?", channel)).as("failing, but not for long enough to be disabled").isEqualTo("t");
    }

    @Test
    void aChannelFailingForTooLongIsDisabledItsPendingDeliveriesFailAndAnEventSaysSo() throws Exception {
        UUID channel = rows.webhook(receiver.url("/down"), secret);
        // failing for longer than disable-after-failing-for (24 h): the next failure disables it
        rows.catalog.exec("update notification_channels set failing_since = now() - interval '25 hours' "
                + "where id = ?", channel);
        ArcaEvent later = rows.backupFailedEvent("due later");
        UUID waiting = rows.deliver(channel, later, Instant.now().plus(Duration.ofHours(1)));
        UUID delivery = rows.backupFailed(channel, "x");

        rows.awaitState(delivery, "failed");

        assertThat(rows.catalog.text("select enabled from notification_channels where id = ?", channel))
                .isEqualTo("f");
        assertThat(rows.catalog.text("select disabled_reason from notification_channels where id = ?", channel))
                .startsWith("every delivery failed for PT24H (since ").endsWith("); last error: HTTP 503");
        assertThat(rows.catalog.text("select last_error from notification_deliveries where id = ?", delivery))
                .isEqualTo("channel disabled; last error: HTTP 503");
        assertThat(rows.attempts(delivery)).hasSize(1);
        assertThat(rows.state(waiting)).isEqualTo("failed");
        assertThat(rows.catalog.text("select last_error from notification_deliveries where id = ?", waiting))
                .isEqualTo("channel disabled");
        assertThat(rows.catalog.text("select payload->>'type' || '/' || (payload->'data'->>'kind') || '/' "
                + "|| (payload->'data'->>'name') from outbox where stream = 'events' "
                + "and payload->'subject'->>'channelId' = ?", channel.toString()))
                .isEqualTo("notification-channel.disabled/webhook/hook-" + channel);

        // a disabled channel's deliveries are not claimed: one made due now stays pending
        ArcaEvent afterwards = rows.backupFailedEvent("after disabling");
        UUID ignored = rows.deliver(channel, afterwards, Instant.now());
        UUID other = rows.backupFailed(rows.webhook(receiver.url("/up"), secret), "y");
        rows.awaitState(other, "delivered");
        assertThat(rows.state(ignored)).isEqualTo("pending");
        assertThat(receiver.requests("/down")).hasSize(1);
    }

    @Test
    void metricsCountAttemptsAndMeasureDelayAndLag() throws Exception {
        UUID delivery = rows.backupFailed(rows.webhook(receiver.url("/up"), secret), "x");
        rows.awaitState(delivery, "delivered");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("arca_notifications_attempts_total\\{[^}]*kind=\"webhook\""
                + "[^}]*outcome=\"delivered\"[^}]*} [1-9]");
        assertThat(metrics).contains("arca_notifications_delivery_delay_seconds_count");
        assertThat(metrics).containsPattern("arca_notifications_delivery_lag_seconds(\\{[^}]*})? ");
    }
}
