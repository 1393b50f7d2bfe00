package io.arca.jobs.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether one dependency of a service (catalog, Kafka, object store) answers, for readiness and for the gauge
 * {@code arca_dependency_up{dependency}}. Three properties the probes of an orchestrator need:
 * <ul>
 *   <li>time-bounded: a dependency that does not answer within {@link #TIMEOUT} is down (a black-holed host would
 *       otherwise hold the probe until the client's own, much longer, timeout);</li>
 *   <li>briefly cached ({@link #CACHE_FOR}) and single-flight: however many probes arrive (kubelet, load balancer,
 *       Prometheus, people), the dependency sees at most one request per {@code CACHE_FOR} and never two at once;</li>
 *   <li>self-healing: nothing is remembered but the last answer, so it is up again as soon as the dependency is.</li>
 * </ul>
 */
public final class DependencyCheck {
    /** How long one probe may take before the dependency counts as down. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** How long an answer is reused: shorter than any sensible probe period, long enough to absorb a burst. */
    public static final Duration CACHE_FOR = Duration.ofSeconds(1);
    /** Without readiness probes the gauge refreshes itself when its answer is older than this. */
    private static final Duration GAUGE_STALE_AFTER = Duration.ofSeconds(15);

    /** One request to the dependency; returns a short description of what answered, throws when it did not. */
    @FunctionalInterface
    public interface Probe {
        String probe() throws Exception;
    }

    /** The answer of one probe: {@code detail} says what answered or why not (no secrets, no stack traces). */
    public record Status(boolean up, String detail) {
    }

    private final String dependency;
    private final Probe probe;
    private final Executor executor;
    private final Duration timeout;
    private final Duration cacheFor;
    private volatile Status last;
    private volatile long lastAt;
    private CompletableFuture<Status> inFlight;

    /**
     * @param dependency the {@code dependency} label and the health check's name: {@code catalog}, {@code kafka},
     *                   {@code objectstore}
     */
    public DependencyCheck(String dependency, Probe probe, MeterRegistry metrics) {
        this(dependency, probe, metrics, TIMEOUT, CACHE_FOR);
    }

    /** With other bounds than {@link #TIMEOUT} and {@link #CACHE_FOR} (tests). */
    DependencyCheck(String dependency, Probe probe, MeterRegistry metrics, Duration timeout, Duration cacheFor) {
        this.dependency = dependency;
        this.probe = probe;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.executor = task -> {
            Thread t = new Thread(task, "arca-health-" + dependency);
            t.setDaemon(true);
            t.start();
        };
        Gauge.builder("arca.dependency.up", this, DependencyCheck::gaugeValue).tag("dependency", dependency)
                .description("1 while the dependency answers the service's readiness probe, else 0")
                .register(metrics);
    }

    public String dependency() {
        return dependency;
    }

    /** The cached answer when fresh, else the answer of a probe (at most {@link #TIMEOUT}). */
    public Status status() {
        Status cached = last;
        if (cached != null && System.nanoTime() - lastAt < cacheFor.toNanos()) {
            return cached;
        }
        CompletableFuture<Status> probing = probeOnce();
        try {
            return probing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return record(new Status(false, "no answer within " + timeout.toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(false, "interrupted");
        } catch (ExecutionException e) {
            return record(new Status(false, describe(e.getCause())));
        }
    }

    /** Starts a probe unless one is running; a probe that outlives its timeout still records its late answer. */
    private synchronized CompletableFuture<Status> probeOnce() {
        if (inFlight != null) {
            return inFlight;
        }
        CompletableFuture<Status> started = CompletableFuture.supplyAsync(this::runProbe, executor);
        inFlight = started;
        // a quick probe may already be done here, and then this runs at once: return the local, not the field
        started.whenComplete((status, failure) -> {
            synchronized (this) {
                if (inFlight == started) {
                    inFlight = null;
                }
            }
        });
        return started;
    }

    private Status runProbe() {
        try {
            return record(new Status(true, probe.probe()));
        } catch (Exception e) {
            return record(new Status(false, describe(e)));
        }
    }

    private Status record(Status status) {
        last = status;
        lastAt = System.nanoTime();
        return status;
    }

    private double gaugeValue() {
        Status cached = last;
        if (cached == null || System.nanoTime() - lastAt > GAUGE_STALE_AFTER.toNanos()) {
            probeOnce(); // not awaited: a scrape never waits for a dependency
        }
        return cached == null ? Double.NaN : cached.up() ? 1 : 0;
    }

    /** The failure's type and message, first line only: enough to tell refused from timed out from denied. */
    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause.getMessage() == null || cause instanceof ExecutionException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage().lines().findFirst().orElse("");
        return cause.getClass().getSimpleName() + message;
    }
}
