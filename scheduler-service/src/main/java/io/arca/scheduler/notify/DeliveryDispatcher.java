package io.arca.scheduler.notify;

import io.arca.events.cdi.NotificationsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The delivery engine: claims due deliveries ({@link DeliveryClaims}), sends each on a virtual thread within
 * {@code maxInFlight} for this replica and {@code maxInFlightPerChannel} per channel (a slow or dead receiver holds
 * at most that many slots, never a worker or the job path), and records each attempt ({@link DeliveryRecorder}). Wakes
 * on {@code arca_deliveries} notifications and when an attempt frees a slot, else polls every 500 ms.
 *
 * <p>Stopping waits for the attempts in flight to finish and be recorded (they end within the request timeout); one
 * that does not is sent again by whichever replica finds its lease expired: at least once, never lost.
 */
@ApplicationScoped
public class DeliveryDispatcher {
    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);
    static final Duration POLL = Duration.ofMillis(500);
    /** After a failed claim (the catalog unreachable): not every 500 ms, which would only fill the log. */
    private static final Duration CLAIM_RETRY = Duration.ofSeconds(5);
    /**
     * Added to the longest attempt for the lease: time to record the outcome after the response (milliseconds when
     * the catalog is well; a lease that runs out early only means a duplicate, never a loss).
     */
    private static final Duration RECORD_MARGIN = Duration.ofSeconds(15);

    private final DeliveryClaims claims;
    private final DeliveryRecorder recorder;
    private final WebhookSender webhooks;
    private final EmailSender emails;
    private final DeliveryMetrics metrics;
    private final NotificationsConfig config;
    private final DispatcherConfig dispatcher;
    private final DeliveryWakeup wakeup;
    /** Attempts in flight per channel; a channel with none has no entry (atomic updates: merge/computeIfPresent). */
    private final Map<UUID, Integer> inFlightByChannel = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private ExecutorService sends;
    private Thread loop;

    public DeliveryDispatcher(DeliveryClaims claims, DeliveryRecorder recorder, WebhookSender webhooks,
            EmailSender emails, DeliveryMetrics metrics, NotificationsConfig config, DispatcherConfig dispatcher,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.claims = claims;
        this.recorder = recorder;
        this.webhooks = webhooks;
        this.emails = emails;
        this.metrics = metrics;
        this.config = config;
        this.dispatcher = dispatcher;
        this.wakeup = new DeliveryWakeup(jdbcUrl, user, password);
    }

    void onStart(@Observes StartupEvent event) {
        if (dispatcher.dispatcherEnabled()) {
            start();
        } else {
            LOG.info("notification dispatcher off in this replica (arca.notifications.dispatcher-enabled=false)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts claiming and sending (at start-up when enabled). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        sends = Executors.newVirtualThreadPerTaskExecutor();
        wakeup.start();
        loop = Thread.ofPlatform().daemon().name("arca-delivery-dispatcher").start(this::run);
    }

    /**
     * Stops claiming, and returns once the attempts in flight have ended and been recorded (they end within their
     * timeouts); any left after that are abandoned to their leases.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            wakeup.stop();
            loop.join(POLL.toMillis() * 10);
            sends.shutdown();
            Duration grace = emails.sendTimeout().plus(webhookLimit()).plus(Duration.ofSeconds(5));
            if (!sends.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%d delivery attempt(s) still in flight at shutdown: their leases expire and they are "
                        + "sent again", inFlight.get());
                sends.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The longest a webhook attempt takes (the request timeout bounds it; resolving the host comes first). */
    private Duration webhookLimit() {
        return config.requestTimeout().plus(config.connectTimeout());
    }

    private void run() {
        while (running) {
            Duration wait = POLL;
            try {
                // a full batch means more may be due: claim again before waiting
                while (running && dispatchOnce()) {
                    Thread.onSpinWait();
                }
            } catch (Exception e) {
                LOG.warnf("claiming due deliveries failed (%s); trying again in %s", e, CLAIM_RETRY);
                wait = CLAIM_RETRY;
            }
            try {
                wakeup.await(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return true when the batch filled every free slot (more may be due) */
    private boolean dispatchOnce() throws Exception {
        int free = config.maxInFlight() - inFlight.get();
        if (free <= 0) {
            return false;
        }
        Map<UUID, Integer> busy = new HashMap<>(inFlightByChannel);
        List<ClaimedDelivery> claimed = claims.claim(free, busy, config.maxInFlightPerChannel(),
                new DeliveryClaims.Leases(webhookLimit().plus(RECORD_MARGIN),
                        emails.sendTimeout().plus(RECORD_MARGIN)));
        // a digest channel's deliveries go out together, as one email; every other delivery alone
        Map<Object, List<ClaimedDelivery>> attempts = new LinkedHashMap<>();
        for (ClaimedDelivery d : claimed) {
            Object key = d.channel().isDigest() ? d.channel().id() : d.id();
            attempts.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        attempts.values().forEach(this::submit);
        return claimed.size() >= free;
    }

    private void submit(List<ClaimedDelivery> deliveries) {
        UUID channel = deliveries.get(0).channel().id();
        inFlight.incrementAndGet();
        inFlightByChannel.merge(channel, 1, Integer::sum);
        sends.submit(() -> {
            try {
                attempt(deliveries);
            } finally {
                inFlightByChannel.computeIfPresent(channel, (c, n) -> n == 1 ? null : n - 1);
                inFlight.decrementAndGet();
                wakeup.signal();
            }
        });
    }

    private void attempt(List<ClaimedDelivery> deliveries) {
        ChannelTarget channel = deliveries.get(0).channel();
        AttemptOutcome outcome;
        try {
            outcome = channel.isWebhook() ? webhooks.send(deliveries.get(0)) : emails.send(deliveries);
        } catch (RuntimeException e) {
            LOG.errorf(e, "delivery attempt to channel %s failed unexpectedly", channel.id());
            outcome = AttemptOutcome.failed(null, 0, "internal error: " + e, null, Instant.now());
        }
        try {
            recorder.record(deliveries, outcome);
        } catch (Exception e) {
            LOG.errorf(e, "the attempt of %d delivery(ies) to channel %s was not recorded; the lease expires and "
                    + "they are sent again", deliveries.size(), channel.id());
            return;
        }
        metrics.attempt(channel.kind(), outcome);
        if (outcome.delivered()) {
            deliveries.forEach(d -> metrics.delivered(d.eventTime()));
        }
    }
}
