package io.arca.api.notification;

import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.notification.ChannelDtos.AttemptView;
import io.arca.api.notification.ChannelDtos.DeliveryView;
import io.arca.api.notification.ChannelDtos.TestResult;
import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventLog;
import io.arca.events.EventType;
import io.arca.events.cdi.NotificationsConfig;
import io.arca.events.delivery.Deliveries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * {@code POST /notification-channels/{id}/test}: logs a {@code notification.test} event, queues its delivery to this
 * channel alone, commits, and waits a while for the delivery engine's first attempt, so an admin sees at once whether
 * the receiver accepted it. The engine sends it even to a disabled channel (that is how one checks a fix).
 */
@ApplicationScoped
public class ChannelTester {
    /** How often the delivery row is read while waiting: the answer is at most this late. */
    static final Duration POLL = Duration.ofMillis(200);

    @Inject
    Caller caller;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;
    @Inject
    NotificationsConfig config;
    @Inject
    NotificationChannelService channels;
    @Inject
    DeliveryLog log;

    /** The outcome, or {@code pending} when no attempt came within {@code arca.notifications.test-wait}. */
    public TestResult test(UUID channelId) {
        UUID deliveryId = QuarkusTransaction.requiringNew().call(() -> enqueue(channelId));
        UUID tenantId = caller.tenantId();
        long deadline = System.nanoTime() + config.testWait().toNanos();
        while (true) {
            DeliveryView delivery = log.find(tenantId, channelId, deliveryId)
                    .orElseThrow(() -> new IllegalStateException("test delivery " + deliveryId + " vanished"));
            if (!delivery.attempts().isEmpty() || System.nanoTime() >= deadline) {
                return result(delivery);
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result(delivery);
            }
        }
    }

    private UUID enqueue(UUID channelId) {
        NotificationChannel channel = channels.find(channelId);
        ArcaEvent event = ArcaEvent.of(EventType.NOTIFICATION_TEST.wireName(), channel.tenantId,
                Map.of("channelId", channel.id.toString()),
                Map.of("message", "Test event for notification channel \"" + channel.name + "\" from Arca"));
        UUID deliveryId = em.unwrap(Session.class).doReturningWork(c -> {
            EventLog.append(c, List.of(event));
            return Deliveries.enqueue(c, channel.tenantId, channel.id, event.id(), event.type(), Instant.now());
        });
        audit.record("notification-channel.test", "notification-channel", channel.id,
                Map.of("eventId", event.id().toString(), "deliveryId", deliveryId.toString()));
        return deliveryId;
    }

    /** The first attempt's outcome (the list is newest first); {@code pending} without one. */
    static TestResult result(DeliveryView delivery) {
        if (delivery.attempts().isEmpty()) {
            return new TestResult("pending", null, null, null, delivery);
        }
        AttemptView first = delivery.attempts().get(delivery.attempts().size() - 1);
        return new TestResult(first.outcome(), first.responseStatus(), first.latencyMs(), first.error(), delivery);
    }
}
