package io.arca.scheduler.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.common.crypto.SecretSealer;
import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventLog;
import io.arca.events.delivery.WebhookSecrets;
import io.arca.storage.MasterKeyConfig;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a webhook receiver sees: the Standard Webhooks headers, a verifiable signature, and rotation's overlap. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class WebhookSigningTest {
    @Inject
    AgroalDataSource db;
    @Inject
    MasterKeyConfig security;

    NotifyRows rows;
    Receiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        rows = new NotifyRows(db, SecretSealer.fromBase64(security.masterKey()));
        receiver = new Receiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void everyHeaderIsSentAndTheSignatureVerifiesWithTheSpecsAlgorithm() throws Exception {
        String secret = WebhookSecrets.generate();
        UUID channel = rows.webhook(receiver.url("/hook"), secret, Map.of("X-Team", "dba"));
        ArcaEvent event = rows.backupFailedEvent("disk full");
        UUID delivery = rows.deliver(channel, event, Instant.now());

        rows.awaitState(delivery, "delivered");

        assertThat(receiver.requests("/hook")).hasSize(1);
        Receiver.Request request = receiver.requests("/hook").get(0);
        assertThat(request.webhookId()).isEqualTo(event.id().toString());
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.userAgent()).isEqualTo("Arca-Webhooks/1");
        assertThat(request.headers().get("X-team")).containsExactly("dba");
        assertThat(Long.parseLong(request.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(120L));
        assertThat(request.signature()).as("one secret in force: one signature").matches("v1,[A-Za-z0-9+/=]+");
        assertThat(request.bodyText()).as("the envelope exactly as the event log wrote it")
                .isEqualTo(EventLog.json(event)).contains("\"error\":\"disk full\"");
        assertThat(StandardWebhooksVerifier.verify(secret, request)).isTrue();

        byte[] tampered = request.bodyText().replace("disk full", "all fine").getBytes(StandardCharsets.UTF_8);
        assertThat(StandardWebhooksVerifier.verify(secret, request.webhookId(), request.timestamp(),
                request.signature(), tampered)).as("a tampered body fails verification").isFalse();
        assertThat(StandardWebhooksVerifier.verify(WebhookSecrets.generate(), request))
                .as("another secret fails verification").isFalse();
        assertThat(StandardWebhooksVerifier.verify(secret, "msg_other", request.timestamp(), request.signature(),
                request.body())).as("another webhook-id fails verification").isFalse();

        assertThat(rows.attempts(delivery)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo("delivered");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.excerpt()).isEqualTo("ok");
        });
        assertThat(rows.catalog.text("select last_success_at is not null and failing_since is null "
                + "from notification_channels where id = ?", channel)).isEqualTo("t");
    }

    @Test
    void duringARotationsOverlapBothSecretsSignAfterItOnlyTheNewOne() throws Exception {
        String old = WebhookSecrets.generate();
        String fresh = WebhookSecrets.generate();
        UUID channel = rows.webhook(receiver.url("/rotating"), old);
        rows.rotate(channel, fresh, old, 3600);

        UUID during = rows.backupFailed(channel, "during the overlap");
        rows.awaitState(during, "delivered");

        Receiver.Request first = receiver.requests("/rotating").get(0);
        assertThat(first.signature().split(" ")).as("new secret first, then the previous").hasSize(2);
        assertThat(StandardWebhooksVerifier.verify(fresh, first)).isTrue();
        assertThat(StandardWebhooksVerifier.verify(old, first)).isTrue();
        String newOnly = first.signature().split(" ")[0];
        assertThat(StandardWebhooksVerifier.verify(fresh, first.webhookId(), first.timestamp(), newOnly,
                first.body())).isTrue();

        rows.rotate(channel, fresh, old, -1);
        UUID after = rows.backupFailed(channel, "after the overlap");
        rows.awaitState(after, "delivered");

        Receiver.Request second = receiver.requests("/rotating").get(1);
        assertThat(Arrays.asList(second.signature().split(" "))).hasSize(1);
        assertThat(StandardWebhooksVerifier.verify(fresh, second)).isTrue();
        assertThat(StandardWebhooksVerifier.verify(old, second)).as("the expired previous secret no longer signs")
                .isFalse();
    }

    @Test
    void aDeliveryLeftSendingWithAnExpiredLeaseIsSentAgainWithTheSameWebhookId() throws Exception {
        // the state a sender leaves when it dies between sending and recording: sending, lease in the past
        String secret = WebhookSecrets.generate();
        UUID channel = rows.webhook(receiver.url("/crashed"), secret);
        ArcaEvent event = rows.backupFailedEvent("sent before the crash");
        UUID delivery = rows.deliver(channel, event, Instant.now().plus(Duration.ofHours(1)));
        rows.catalog.exec("update notification_deliveries set state = 'sending', attempt = 1, next_attempt_at = null, "
                + "lease_expires_at = now() - interval '1 second' where id = ?", delivery);

        rows.awaitState(delivery, "delivered");

        assertThat(receiver.requests("/crashed")).singleElement().satisfies(r -> {
            assertThat(r.webhookId()).isEqualTo(event.id().toString());
            assertThat(StandardWebhooksVerifier.verify(secret, r)).isTrue();
        });
        assertThat(rows.attempts(delivery)).extracting(NotifyRows.Attempt::attempt, NotifyRows.Attempt::outcome)
                .as("the lost attempt counts: this is the second").containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "delivered"));
    }
}
