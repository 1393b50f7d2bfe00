package io.arca.api.notification;

import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.common.Cursor;
import io.arca.api.common.Page;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.notification.ChannelDtos.DeliveryView;
import io.arca.events.EventType;
import io.arca.events.delivery.Deliveries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/** A channel's delivery log and manual redelivery. */
@ApplicationScoped
public class DeliveryService {
    static final Set<String> STATES = Set.of("pending", "sending", "delivered", "failed");

    @Inject
    Caller caller;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;
    @Inject
    NotificationChannelService channels;
    @Inject
    DeliveryLog log;

    public Page<DeliveryView> list(UUID channelId, String state, String limit, String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        Cursor after = Cursor.decode(cursor);
        String wanted = state(state);
        channels.find(channelId);
        List<DeliveryView> rows = log.newestFirst(caller.tenantId(), channelId, wanted, after, pageSize + 1);
        return Page.of(rows, pageSize, DeliveryView::createdAt, DeliveryView::id, d -> d);
    }

    public DeliveryView get(UUID channelId, UUID deliveryId) {
        return log.find(caller.tenantId(), channelId, deliveryId)
                .orElseThrow(() -> ProblemException.notFound("delivery", deliveryId));
    }

    /**
     * Queues a delivered or failed delivery again, due now, with the same event (so the same webhook-id): the
     * receiver can tell it has seen it. The engine sends it as it sends any delivery.
     */
    @Transactional
    public void redeliver(UUID channelId, UUID deliveryId) {
        NotificationChannel channel = channels.find(channelId);
        List<?> found = em.createNativeQuery("select state, event_id, event_type from notification_deliveries "
                        + "where id = ?1 and channel_id = ?2 and tenant_id = ?3 for update")
                .setParameter(1, deliveryId).setParameter(2, channelId).setParameter(3, channel.tenantId)
                .getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("delivery", deliveryId);
        }
        Object[] row = (Object[]) found.get(0);
        String state = (String) row[0];
        if (state.equals("pending") || state.equals("sending")) {
            throw new ProblemException(ProblemType.DELIVERY_IN_PROGRESS, "delivery " + deliveryId + " is " + state
                    + ": it will be sent anyway; redeliver it once it is delivered or failed", null);
        }
        boolean test = EventType.NOTIFICATION_TEST.wireName().equals(row[2]);
        if (!channel.enabled && !test) {
            // the engine does not send deliveries of a disabled channel: queueing it would leave it pending forever
            throw ProblemException.conflict("channel " + channelId + " is disabled (" + channel.disabledReason
                    + "); enable it first (PATCH with enabled: true)", "enabled");
        }
        // FOR SHARE keeps the event log's pruning from deleting the event before this commits; after that the
        // pending delivery itself keeps it
        boolean eventKept = !em.createNativeQuery("select 1 from events where id = ?1 for share")
                .setParameter(1, row[1]).getResultList().isEmpty();
        if (!eventKept) {
            throw ProblemException.conflict("the event of delivery " + deliveryId + " is no longer in the event log "
                    + "(arca.notifications.event-retention): it cannot be sent again", null);
        }
        boolean queued = em.unwrap(Session.class).doReturningWork(
                c -> Deliveries.redeliver(c, channel.tenantId, channelId, deliveryId));
        if (!queued) {
            throw new IllegalStateException("delivery " + deliveryId + " locked as " + state + " but not requeued");
        }
        audit.record("notification-delivery.redeliver", "notification-delivery", deliveryId);
    }

    /** The {@code state} query parameter: null for all, or one of {@link #STATES}. */
    static String state(String state) {
        if (state == null || state.isEmpty()) {
            return null;
        }
        if (!STATES.contains(state)) {
            throw ProblemException.invalid("state", "state must be pending, sending, delivered or failed");
        }
        return state;
    }
}
