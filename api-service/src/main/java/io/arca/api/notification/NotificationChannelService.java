package io.arca.api.notification;

import static io.arca.api.notification.ChannelValidator.invalid;
import static io.arca.api.notification.ChannelValidator.notFor;

import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.common.Cursor;
import io.arca.api.common.NewestFirst;
import io.arca.api.common.Page;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.notification.ChannelDtos.ChannelView;
import io.arca.api.notification.ChannelDtos.CreateChannelRequest;
import io.arca.api.notification.ChannelDtos.CreatedChannel;
import io.arca.api.notification.ChannelDtos.UpdateChannelRequest;
import io.arca.events.cdi.NotificationsConfig;
import io.arca.events.delivery.WebhookSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates, lists, changes and deletes the notification channels of the caller's tenant. */
@ApplicationScoped
public class NotificationChannelService {
    @Inject
    Caller caller;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;
    @Inject
    NotificationsConfig config;
    @Inject
    WebhookSecretSealer sealer;
    @Inject
    WebhookDestinations destinations;

    @Transactional
    public CreatedChannel create(CreateChannelRequest request) {
        if (request == null) {
            throw invalid(null, "request body is required");
        }
        NotificationChannel c = new NotificationChannel();
        c.id = UUID.randomUUID();
        c.tenantId = caller.tenantId();
        c.kind = ChannelValidator.kind(request.kind());
        c.name = ChannelValidator.name(request.name());
        c.eventTypes = ChannelValidator.eventTypes(request.eventTypes());
        String secret = null;
        if (c.isWebhook()) {
            notFor(c.kind, "recipients", request.recipients());
            notFor(c.kind, "digestMinutes", request.digestMinutes());
            c.url = ChannelValidator.url(request.url());
            c.headers = ChannelValidator.headers(request.headers());
            destinations.check(c.url);
            secret = WebhookSecrets.generate();
            c.secretSealed = sealer.seal(c.id, secret);
        } else {
            notFor(c.kind, "url", request.url());
            notFor(c.kind, "headers", request.headers());
            c.headers = Map.of();
            c.recipients = ChannelValidator.recipients(request.recipients());
            c.digestMinutes = ChannelValidator.digestMinutes(request.digestMinutes());
        }
        lockChannelsOf(c.tenantId);
        long existing = NotificationChannel.countInTenant(c.tenantId);
        if (existing >= config.maxChannelsPerTenant()) {
            throw new ProblemException(ProblemType.CHANNEL_LIMIT_REACHED, "this tenant has " + existing
                    + " notification channels, the most arca.notifications.max-channels-per-tenant allows ("
                    + config.maxChannelsPerTenant() + "); delete one first", null);
        }
        checkNameFree(c.tenantId, c.name, c.id);
        c.enabled = true;
        c.createdAt = now();
        c.updatedAt = c.createdAt;
        c.persist();
        audit.record("notification-channel.create", "notification-channel", c.id, Map.of("kind", c.kind));
        return new CreatedChannel(ChannelDtos.view(c), secret);
    }

    public ChannelView get(UUID id) {
        return ChannelDtos.view(find(id));
    }

    public Page<ChannelView> list(String limit, String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        Cursor after = Cursor.decode(cursor);
        List<NotificationChannel> rows = NewestFirst.inTenant("notification_channels", caller.tenantId())
                .fetch(em, NotificationChannel.class, after, pageSize);
        return Page.of(rows, pageSize, r -> r.createdAt, r -> r.id, ChannelDtos::view);
    }

    /** Changes the fields the request gives; the kind stays what it was created as. */
    @Transactional
    public ChannelView update(UUID id, UpdateChannelRequest request) {
        if (request == null) {
            throw invalid(null, "request body is required");
        }
        NotificationChannel c = find(id);
        List<String> changed = new ArrayList<>();
        if (request.eventTypes() != null) {
            c.eventTypes = ChannelValidator.eventTypes(request.eventTypes());
            changed.add("eventTypes");
        }
        if (c.isWebhook()) {
            notFor(c.kind, "recipients", request.recipients());
            if (request.digestMinutesGiven()) {
                notFor(c.kind, "digestMinutes", "given");
            }
            if (request.url() != null) {
                c.url = ChannelValidator.url(request.url());
                destinations.check(c.url);
                changed.add("url");
            }
            if (request.headers() != null) {
                c.headers = ChannelValidator.headers(request.headers());
                changed.add("headers");
            }
        } else {
            notFor(c.kind, "url", request.url());
            notFor(c.kind, "headers", request.headers());
            if (request.recipients() != null) {
                c.recipients = ChannelValidator.recipients(request.recipients());
                changed.add("recipients");
            }
            if (request.digestMinutesGiven()) {
                c.digestMinutes = ChannelValidator.digestMinutes(request.digestMinutes());
                changed.add("digestMinutes");
            }
        }
        if (request.name() != null) {
            c.name = ChannelValidator.name(request.name());
            lockChannelsOf(c.tenantId);
            checkNameFree(c.tenantId, c.name, c.id);
            changed.add("name");
        }
        if (request.enabled() != null && request.enabled() != c.enabled) {
            setEnabled(c, request.enabled());
            changed.add("enabled");
        }
        c.updatedAt = now();
        audit.record("notification-channel.update", "notification-channel", c.id, Map.of("changed", changed));
        return ChannelDtos.view(c);
    }

    @Transactional
    public void delete(UUID id) {
        NotificationChannel c = find(id);
        // its deliveries and their attempts go with it (on delete cascade); the events stay in the event log
        c.delete();
        audit.record("notification-channel.delete", "notification-channel", id);
    }

    NotificationChannel find(UUID id) {
        return NotificationChannel.findInTenant(caller.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("notification channel", id));
    }

    /**
     * Disabling fails the channel's pending deliveries, as the engine's automatic disabling does (they can be
     * redelivered after re-enabling); re-enabling forgets the failures, so the next failure starts a new period.
     */
    private void setEnabled(NotificationChannel c, boolean enabled) {
        c.enabled = enabled;
        if (enabled) {
            c.disabledReason = null;
            c.disabledAt = null;
            c.failingSince = null;
        } else {
            c.disabledReason = NotificationChannel.DISABLED_MANUALLY;
            c.disabledAt = now();
            em.createNativeQuery("update notification_deliveries set state = 'failed', next_attempt_at = null, "
                            + "last_error = 'channel disabled by an admin', updated_at = now() "
                            + "where channel_id = ?1 and state = 'pending' and event_type <> 'notification.test'")
                    .setParameter(1, c.id)
                    .executeUpdate();
        }
    }

    /**
     * Serialises the channel creations and renames of one tenant, so two at once cannot both pass the limit or the
     * name check. NO KEY UPDATE on the tenant row does not block inserts that reference it.
     */
    private void lockChannelsOf(UUID tenantId) {
        em.createNativeQuery("select id from tenants where id = ?1 for no key update")
                .setParameter(1, tenantId)
                .getResultList();
    }

    private static void checkNameFree(UUID tenantId, String name, UUID self) {
        if (NotificationChannel.nameTaken(tenantId, name, self)) {
            throw ProblemException.conflict("a notification channel named " + name + " exists", "name");
        }
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
