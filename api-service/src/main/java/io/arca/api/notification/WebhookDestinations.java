package io.arca.api.notification;

import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.common.net.DestinationPolicy;
import io.arca.events.cdi.NotificationsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Refuses, when a channel is saved, a webhook URL whose host resolves into a denied network
 * ({@code arca.notifications.destinations.*}): the metadata address or the API's own loopback is a mistake or an
 * attack, and an admin should hear so at once, not from a delivery log. The delivery engine checks again on every
 * attempt (DNS may change), so a name that does not resolve now is accepted here.
 */
@ApplicationScoped
public class WebhookDestinations {
    private final DestinationPolicy policy;

    public WebhookDestinations(NotificationsConfig config) {
        this.policy = new DestinationPolicy(config.destinations().allow().orElse(List.of()),
                config.destinations().deny(), NotificationsConfig.DESTINATIONS_PREFIX);
    }

    /** @param url a URL {@link ChannelValidator#url} accepted */
    public void check(String url) {
        String host = URI.create(url).getHost();
        Optional<String> refusal;
        try {
            refusal = policy.refusal(host);
        } catch (UnknownHostException e) {
            return;
        }
        if (refusal.isPresent()) {
            throw new ProblemException(ProblemType.DESTINATION_NOT_ALLOWED,
                    "url: host " + host + " is not allowed: " + refusal.get(), "url");
        }
    }
}
