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
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Stopping the engine (what shutdown does) lets the attempt in flight finish and record; starting resumes. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class DeliveryShutdownTest {
    @Inject
    AgroalDataSource db;
    @Inject
    MasterKeyConfig security;
    @Inject
    DeliveryDispatcher dispatcher;

    @Test
    void stoppingWaitsForTheAttemptInFlightToBeRecordedAndStartingResumes() throws Exception {
        NotifyRows rows = new NotifyRows(db, SecretSealer.fromBase64(security.masterKey()));
        CountDownLatch stopping = new CountDownLatch(1);
        try (Receiver receiver = new Receiver()) {
            // answers only once the engine is stopping (well within the 3 s request timeout)
            receiver.on("/slow", (ex, r, nth) -> {
                stopping.await();
                Thread.sleep(300);
                Receiver.respond(ex, 200, "late but fine");
            });
            String secret = WebhookSecrets.generate();
            UUID inFlight = rows.backupFailed(rows.webhook(receiver.url("/slow"), secret), "x");
            NotifyRows.await("the attempt in flight", Duration.ofSeconds(10),
                    () -> receiver.requests("/slow").size() == 1);
            try {
                stopping.countDown();
                dispatcher.stop();

                assertThat(rows.state(inFlight)).as("recorded before stop returned").isEqualTo("delivered");
                assertThat(rows.attempts(inFlight)).extracting(NotifyRows.Attempt::excerpt)
                        .containsExactly("late but fine");
            } finally {
                dispatcher.start();
            }
            UUID afterRestart = rows.backupFailed(rows.webhook(receiver.url("/again"), secret), "y");
            rows.awaitState(afterRestart, "delivered");
        }
    }
}
