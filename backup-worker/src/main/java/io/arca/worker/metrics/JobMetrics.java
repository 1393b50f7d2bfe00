package io.arca.worker.metrics;

import io.arca.common.job.JobKind;
import io.arca.worker.config.WorkerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The job meters of one worker replica: {@code arca_jobs_running{kind}}, {@code arca_worker_job_slots}, and per
 * finished job {@code arca_jobs_duration_seconds{kind,outcome}} (a histogram), {@code arca_jobs_finished_total} and,
 * for a lost lease, {@code arca_jobs_lease_lost_total{kind}}. Outcomes are the executor's: completed, failed,
 * deferred, lease-lost, released.
 */
@ApplicationScoped
public class JobMetrics {
    /**
     * Bucket bounds of the duration histogram: a gc batch or a small backup takes a second, a large backup or restore
     * hours; a bucket every doubling or so keeps quantiles within a factor of two over the whole range.
     */
    static final Duration[] DURATION_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
        Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30),
        Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(6)};
    static final String LEASE_LOST = "lease-lost";

    private final MeterRegistry registry;
    private final Map<JobKind, AtomicInteger> running = new EnumMap<>(JobKind.class);

    public JobMetrics(MeterRegistry registry, WorkerConfig config) {
        this.registry = registry;
        for (JobKind kind : JobKind.values()) {
            AtomicInteger value = new AtomicInteger();
            running.put(kind, value);
            Gauge.builder("arca.jobs.running", value, AtomicInteger::get).tag("kind", kind.wireName())
                    .description("jobs running on this worker replica").register(registry);
            leaseLost(kind);
        }
        Gauge.builder("arca.worker.job.slots", () -> Math.max(1, config.concurrency()))
                .description("jobs this worker replica runs at the same time (arca.worker.concurrency)")
                .register(registry);
    }

    /** A job starts on this replica; pass the sample to {@link #finished}. */
    public Timer.Sample started(JobKind kind) {
        running.get(kind).incrementAndGet();
        return Timer.start(registry);
    }

    /** The job ended with {@code outcome} (completed, failed, deferred, lease-lost, released). */
    public void finished(JobKind kind, String outcome, Timer.Sample sample) {
        running.get(kind).decrementAndGet();
        sample.stop(Timer.builder("arca.jobs.duration").description("job run time on a worker, by kind and outcome")
                .tag("kind", kind.wireName()).tag("outcome", outcome)
                .serviceLevelObjectives(DURATION_BUCKETS).register(registry));
        Counter.builder("arca.jobs.finished").description("jobs this worker ended, by kind and outcome")
                .tag("kind", kind.wireName()).tag("outcome", outcome).register(registry).increment();
        if (LEASE_LOST.equals(outcome)) {
            leaseLost(kind).increment();
        }
    }

    private Counter leaseLost(JobKind kind) {
        return Counter.builder("arca.jobs.lease.lost")
                .description("jobs this worker stopped or could not record because their lease was lost")
                .tag("kind", kind.wireName()).register(registry);
    }
}
