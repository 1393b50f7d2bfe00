package io.arca.scheduler.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.common.crypto.MasterKeyRing;
import io.arca.common.crypto.SealingContexts;
import io.arca.common.crypto.SecretSealer;
import io.arca.common.net.DestinationPolicy;
import io.arca.events.delivery.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The destination policy as production configures it (loopback denied, nothing allowed): a webhook to a loopback
 * receiver is refused before anything is sent, naming the network; the same receiver allowed is reached. No Quarkus:
 * the sender is built with the policy under test.
 */
class WebhookDestinationTest {
    private static final String KEY = "arca.notifications.destinations";
    private static final List<String> PRODUCTION_DENY = List.of("127.0.0.0/8", "::1/128", "169.254.0.0/16",
            "fe80::/10", "0.0.0.0/8");

    private final SecretSealer sealer = new SecretSealer(new SecureRandom().generateSeed(32));

    @Test
    void aLoopbackReceiverIsRefusedUnderTheProductionPolicyNamingTheNetwork() throws Exception {
        try (Receiver receiver = new Receiver()) {
            WebhookSender sender = sender(new DestinationPolicy(List.of(), PRODUCTION_DENY, KEY));

            AttemptOutcome outcome = sender.send(delivery(receiver.url("/internal")));

            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.error()).isEqualTo("destination 127.0.0.1 is in the denied network 127.0.0.0/8 "
                    + "(arca.notifications.destinations.deny)");
            assertThat(outcome.status()).isNull();
            assertThat(receiver.requests()).as("nothing was sent").isEmpty();
        }
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedToo() throws Exception {
        try (Receiver receiver = new Receiver()) {
            WebhookSender sender = sender(new DestinationPolicy(List.of(), PRODUCTION_DENY, KEY));

            AttemptOutcome outcome = sender.send(delivery("http://localhost:" + receiver.port() + "/x"));

            assertThat(outcome.error()).startsWith("destination ").contains("is in the denied network");
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void theAllowListPunchesAHoleForLoopback() throws Exception {
        try (Receiver receiver = new Receiver()) {
            WebhookSender sender = sender(new DestinationPolicy(List.of("127.0.0.0/8", "::1/128"), PRODUCTION_DENY, KEY));

            AttemptOutcome outcome = sender.send(delivery(receiver.url("/allowed")));

            assertThat(outcome.delivered()).isTrue();
            assertThat(receiver.requests("/allowed")).hasSize(1);
        }
    }

    @Test
    void anUnresolvableHostAndAClosedPortAreFailedAttemptsWithAReason() {
        WebhookSender sender = sender(new DestinationPolicy(List.of("127.0.0.0/8"), PRODUCTION_DENY, KEY));

        assertThat(sender.send(delivery("http://no-such-host.invalid/x")).error())
                .isEqualTo("cannot resolve host no-such-host.invalid");
        assertThat(sender.send(delivery("http://127.0.0.1:1/x")).error()).isEqualTo("connection refused");
    }

    private WebhookSender sender(DestinationPolicy policy) {
        return new WebhookSender(Duration.ofSeconds(1), Duration.ofSeconds(3), policy, MasterKeyRing.of(sealer));
    }

    private ClaimedDelivery delivery(String url) {
        UUID channelId = UUID.randomUUID();
        byte[] sealed = sealer.seal(WebhookSecrets.generate().getBytes(StandardCharsets.UTF_8),
                SealingContexts.webhookSecret(channelId));
        ChannelTarget channel = new ChannelTarget(channelId, UUID.randomUUID(), "hook", "webhook", url, Map.of(),
                sealed, null, null, List.of(), null);
        return new ClaimedDelivery(UUID.randomUUID(), UUID.randomUUID(), "backup.failed", 1, "{\"type\":\"x\"}",
                Instant.now(), channel);
    }
}
