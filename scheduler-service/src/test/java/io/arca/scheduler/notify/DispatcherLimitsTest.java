package io.arca.scheduler.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.common.crypto.SecretSealer;
import io.arca.events.delivery.WebhookSecrets;
import io.arca.storage.MasterKeyConfig;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many deliveries to one slow channel: at most maxInFlightPerChannel (2) at once, each event sent exactly once. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class DispatcherLimitsTest {
    @Inject
    AgroalDataSource db;
    @Inject
    MasterKeyConfig security;

    @Test
    void aChannelNeverHasMoreThanTwoAttemptsInFlightAndEachEventIsSentOnce() throws Exception {
        NotifyRows rows = new NotifyRows(db, SecretSealer.fromBase64(security.masterKey()));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (Receiver receiver = new Receiver()) {
            receiver.on("/slow", (ex, r, nth) -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(150);
                } finally {
                    inFlight.decrementAndGet();
                }
                Receiver.respond(ex, 200, "ok");
            });
            UUID channel = rows.webhook(receiver.url("/slow"), WebhookSecrets.generate());
            List<UUID> deliveries = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                deliveries.add(rows.backupFailed(channel, "error " + i));
            }

            for (UUID d : deliveries) {
                rows.awaitState(d, "delivered");
            }

            assertThat(most.get()).as("attempts in flight to the channel at once").isBetween(1, 2);
            List<String> ids = receiver.requests("/slow").stream().map(Receiver.Request::webhookId).toList();
            assertThat(ids).hasSize(12).doesNotHaveDuplicates();
            for (UUID d : deliveries) {
                assertThat(rows.attempts(d)).hasSize(1);
            }
        }
    }
}
