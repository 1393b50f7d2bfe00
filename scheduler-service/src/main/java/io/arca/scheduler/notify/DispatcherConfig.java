package io.arca.scheduler.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The scheduler's own notification keys, under {@code arca.notifications.} (the shared ones, retries, timeouts and
 * destinations among them, are in {@code io.arca.events.cdi.NotificationsConfig}).
 */
@ConfigMapping(prefix = "arca.notifications")
public interface DispatcherConfig {

    /**
     * Whether this replica sends deliveries (webhooks and emails). Any number of replicas may: they claim deliveries
     * with {@code FOR UPDATE SKIP LOCKED}. Off leaves deliveries pending for the replicas that send.
     */
    @WithDefault("true")
    boolean dispatcherEnabled();

    /**
     * How long one email's SMTP exchange may take before the attempt fails and is retried like a webhook's
     * (mail servers may be slow to accept: greylisting, content checks).
     */
    @WithDefault("30s")
    Duration emailSendTimeout();
}
