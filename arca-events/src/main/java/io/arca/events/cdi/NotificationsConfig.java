package io.arca.events.cdi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Notifications and the event log, under {@code arca.notifications.}: read by api-service (channel validation, the
 * stream) and scheduler-service (ingestion and delivery).
 */
@ConfigMapping(prefix = "arca.notifications")
public interface NotificationsConfig {
    /** Where the webhook destination lists live, named in refusals. */
    String DESTINATIONS_PREFIX = "arca.notifications.destinations";

    /** Most channels one tenant may have (webhook and email together). */
    @WithDefault("20")
    int maxChannelsPerTenant();

    /** Where links in emails point: the API's public base URL, e.g. {@code https://arca.example.com}. */
    @WithDefault("http://localhost:8080")
    String publicApiUrl();

    /** How long the event log keeps events: the window in which {@code Last-Event-ID} resumes without loss. */
    @WithDefault("PT48H")
    Duration eventRetention();

    /** How long progress events are kept (they are many and only matter while their job runs). */
    @WithDefault("PT1H")
    Duration progressRetention();

    /** Delays before the 2nd, 3rd, ... attempt of a delivery; after the last one fails the delivery fails (~27 h). */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retryDelays();

    /** A channel whose deliveries all failed for this long (no success since) is disabled. */
    @WithDefault("PT24H")
    Duration disableAfterFailingFor();

    /** How long one webhook attempt may take, connecting and reading the response included. */
    @WithDefault("PT10S")
    Duration requestTimeout();

    /** How long connecting to a webhook receiver may take. */
    @WithDefault("PT5S")
    Duration connectTimeout();

    /** Attempts in flight at once, per scheduler-service replica. */
    @WithDefault("32")
    int maxInFlight();

    /** Attempts in flight at once to one channel, per replica: a slow receiver holds at most this many. */
    @WithDefault("2")
    int maxInFlightPerChannel();

    /** How long {@code POST /notification-channels/{id}/test} waits for the attempt's outcome before answering 202. */
    @WithDefault("PT15S")
    Duration testWait();

    /** Networks webhooks may reach. */
    Destinations destinations();

    interface Destinations {
        /** CIDRs refused (unless also allowed). Production: loopback, link-local (metadata address), "this network". */
        @WithDefault("127.0.0.0/8,::1/128,169.254.0.0/16,fe80::/10,0.0.0.0/8")
        List<String> deny();

        /** CIDRs allowed even when denied (arca-local and the tests allow loopback: their receivers run there). */
        Optional<List<String>> allow();
    }
}
