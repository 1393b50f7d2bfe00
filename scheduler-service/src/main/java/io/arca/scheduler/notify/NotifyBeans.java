package io.arca.scheduler.notify;

import io.arca.common.crypto.MasterKeyRing;
import io.arca.common.net.DestinationPolicy;
import io.arca.events.cdi.NotificationsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The webhook sender, built from configuration: timeouts, destination networks, and the master key ring. */
@ApplicationScoped
public class NotifyBeans {

    @Produces
    @Singleton
    WebhookSender webhookSender(NotificationsConfig config, MasterKeyRing masterKeys) {
        DestinationPolicy destinations = new DestinationPolicy(config.destinations().allow().orElse(List.of()),
                config.destinations().deny(), NotificationsConfig.DESTINATIONS_PREFIX);
        return new WebhookSender(config.connectTimeout(), config.requestTimeout(), destinations,
                masterKeys);
    }
}
