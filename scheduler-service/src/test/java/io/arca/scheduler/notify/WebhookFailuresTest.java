package io.arca.scheduler.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.agroal.api.AgroalDataSource;
import io.arca.common.crypto.SecretSealer;
import io.arca.events.delivery.WebhookSecrets;
import io.arca.storage.MasterKeyConfig;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Receivers that misbehave (500, hang, a 10 MB body, redirects): each attempt ends with a recorded outcome and a
 * reason, retries keep the webhook-id, and nothing holds up other channels. %test sets retries to 1s,1s and the
 * request timeout to 3s.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class WebhookFailuresTest {
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
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void aReceiverThatAnswers500IsRetriedWithTheSameWebhookIdAndEachAttemptIsLogged() throws Exception {
        receiver.on("/flaky", (ex, r, nth) -> Receiver.respond(ex, nth == 1 ? 500 : 200, nth == 1 ? "boom" : "fine"));
        UUID channel = rows.webhook(receiver.url("/flaky"), secret);
        UUID delivery = rows.backupFailed(channel, "x");

        rows.awaitState(delivery, "delivered");

        List<Receiver.Request> requests = receiver.requests("/flaky");
        assertThat(requests).hasSize(2);
        assertThat(requests).extracting(Receiver.Request::webhookId).containsOnly(rows.eventId(delivery));
        for (Receiver.Request r : requests) {
            assertThat(StandardWebhooksVerifier.verify(secret, r)).as("each attempt signed afresh").isTrue();
        }
        assertThat(rows.attempts(delivery)).extracting(NotifyRows.Attempt::attempt, NotifyRows.Attempt::outcome,
                NotifyRows.Attempt::status, NotifyRows.Attempt::error, NotifyRows.Attempt::excerpt).containsExactly(
                tuple(1, "failed", 500, "HTTP 500", "boom"), tuple(2, "delivered", 200, null, "fine"));
        assertThat(rows.attempts(delivery)).allSatisfy(a -> assertThat(a.latencyMs()).isNotNegative());
        assertThat(rows.catalog.text("select attempt || '/' || last_status from notification_deliveries where id = ?",
                delivery)).isEqualTo("2/200");
    }

    @Test
    void aHangingReceiverTimesOutAndDoesNotHoldUpOtherChannels() throws Exception {
        receiver.on("/hang", (ex, r, nth) -> receiver.hang());
        UUID hanging = rows.webhook(receiver.url("/hang"), secret);
        UUID healthy = rows.webhook(receiver.url("/healthy"), secret);
        // two hanging attempts fill the hanging channel's slots (maxInFlightPerChannel = 2)
        UUID stuck1 = rows.backupFailed(hanging, "a");
        UUID stuck2 = rows.backupFailed(hanging, "b");
        NotifyRows.await("both hanging requests received", Duration.ofSeconds(10),
                () -> receiver.requests("/hang").size() == 2);

        UUID fine = rows.backupFailed(healthy, "c");
        rows.awaitState(fine, "delivered");
        // from now on (the retries) it answers; the two requests already there keep hanging
        receiver.on("/hang", (ex, r, nth) -> Receiver.respond(ex, 204, ""));

        assertThat(rows.attempts(stuck1)).as("still in flight when the healthy channel's delivery completed")
                .isEmpty();
        assertThat(rows.state(stuck1)).isEqualTo("sending");
        assertThat(rows.catalog.text("select lease_expires_at between now() and now() + interval '19 seconds' "
                + "from notification_deliveries where id = ?", stuck1))
                .as("leased for the request timeout (3 s), the connect timeout (1 s) and 15 s to record").isEqualTo("t");
        for (UUID stuck : List.of(stuck1, stuck2)) {
            NotifyRows.await("the hanging attempt's outcome", Duration.ofSeconds(15),
                    () -> !rows.attempts(stuck).isEmpty());
            assertThat(rows.attempts(stuck).get(0)).satisfies(a -> {
                assertThat(a.outcome()).isEqualTo("failed");
                assertThat(a.error()).isEqualTo("timed out after 3000 ms");
                assertThat(a.status()).isNull();
            });
        }
        rows.awaitState(stuck1, "delivered");
    }

    @Test
    void aTenMegabyteBodyIsNotReadBeyondTheExcerptAndTheEngineStaysHealthy() throws Exception {
        byte[] chunk = "0123456789abcdef".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        receiver.on("/huge", (ex, r, nth) -> {
            ex.sendResponseHeaders(200, 10L * 1024 * 1024);
            try (OutputStream out = ex.getResponseBody()) {
                for (int written = 0; written < 10 * 1024 * 1024; written += chunk.length) {
                    out.write(chunk);
                }
            }
        });
        UUID huge = rows.backupFailed(rows.webhook(receiver.url("/huge"), secret), "x");

        rows.awaitState(huge, "delivered");

        assertThat(rows.attempts(huge)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.excerpt()).hasSize(512).isEqualTo("0123456789abcdef".repeat(32));
        });
        UUID next = rows.backupFailed(rows.webhook(receiver.url("/after-huge"), secret), "y");
        rows.awaitState(next, "delivered");
    }

    @Test
    void aRedirectToAnotherHostFailsTheAttemptAndOneToTheSameHostIsFollowed() throws Exception {
        try (Receiver elsewhere = new Receiver()) {
            receiver.on("/away", (ex, r, nth) -> {
                ex.getResponseHeaders().add("Location", elsewhere.url("/stolen?token=abc"));
                Receiver.respond(ex, 307, "");
            });
            receiver.on("/moved", (ex, r, nth) -> {
                ex.getResponseHeaders().add("Location", "/final");
                Receiver.respond(ex, 308, "");
            });
            UUID away = rows.backupFailed(rows.webhook(receiver.url("/away"), secret), "x");
            UUID moved = rows.backupFailed(rows.webhook(receiver.url("/moved"), secret), "y");

            rows.awaitState(moved, "delivered");
            NotifyRows.await("the refused redirect's attempt", Duration.ofSeconds(10),
                    () -> !rows.attempts(away).isEmpty());

            assertThat(rows.attempts(away).get(0)).satisfies(a -> {
                assertThat(a.outcome()).isEqualTo("failed");
                assertThat(a.status()).isEqualTo(307);
                assertThat(a.error()).isEqualTo("redirect to another host refused (http://127.0.0.1:"
                        + elsewhere.port() + ")");
            });
            assertThat(elsewhere.requests()).as("nothing was sent to the other host").isEmpty();
            assertThat(receiver.requests("/final")).singleElement().satisfies(r -> {
                assertThat(r.webhookId()).isEqualTo(rows.eventId(moved));
                assertThat(StandardWebhooksVerifier.verify(secret, r)).isTrue();
            });
            assertThat(rows.attempts(moved)).extracting(NotifyRows.Attempt::status).containsExactly(200);
        }
    }
}
