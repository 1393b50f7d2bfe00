package io.arca.worker.shutdown;

import io.arca.worker.config.WorkerConfig;
import io.arca.worker.intake.IntakeGate;
import io.arca.worker.intake.JobConsumer;
import io.arca.worker.job.RunningJobs;
import io.arca.worker.job.WorkerIdentity;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The worker's graceful shutdown (SIGTERM: Kubernetes scaling down or rolling, {@code docker compose stop}):
 * <ol>
 *   <li>at once, no new claims ({@link IntakeGate}) and the jobs consumer paused, so no further record is fetched;</li>
 *   <li>running jobs keep their leases and may finish within {@code arca.worker.shutdown-grace};</li>
 *   <li>jobs still running then are stopped and released ({@code JobRelease}): back to {@code queued}, attempt not
 *       spent, their job message published again through the outbox, so another worker claims them at once;</li>
 *   <li>then Quarkus goes on: the Kafka connector closes the consumer, which leaves the group, and its partitions
 *       (with the re-published messages) move to the remaining workers.</li>
 * </ol>
 * No job is left {@code running} without a live lease: a job is either finished, released, or (only when its thread
 * ignores the stop for {@link #STOP_TIMEOUT}) still held under a lease that orphan recovery takes over when it expires.
 *
 * <p>Runs on Quarkus's {@link ShutdownEvent} with the highest priority: before the connectors are closed (they close
 * when the application scope is destroyed, after every shutdown observer) and while the catalog's datasource and the
 * lease keeper still work.
 */
@ApplicationScoped
public class WorkerShutdown {
    /** How long a stopped job may take to notice the stop (close its streams, cancel its dump) and be released. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Logger LOG = Logger.getLogger(WorkerShutdown.class);

    private final IntakeGate gate;
    private final RunningJobs running;
    private final KafkaClientService kafka;
    private final WorkerIdentity identity;
    private final Duration grace;

    public WorkerShutdown(IntakeGate gate, RunningJobs running, KafkaClientService kafka, WorkerIdentity identity,
            WorkerConfig config) {
        this.gate = gate;
        this.running = running;
        this.kafka = kafka;
        this.identity = identity;
        this.grace = config.shutdownGrace();
    }

    void onShutdown(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        gate.close();
        pauseConsumer();
        if (running.count() == 0) {
            LOG.infof("shutdown: job intake closed; no job running");
            return;
        }
        LOG.infof("shutdown: job intake closed; waiting up to %d s (arca.worker.shutdown-grace) for %d running "
                + "job(s) to finish: %s", grace.toSeconds(), running.count(), running.describe());
        if (running.awaitNone(grace)) {
            LOG.infof("shutdown: every running job finished within the grace");
            return;
        }
        String reason = "worker " + identity.id() + " shut down: still running after the " + grace.toSeconds()
                + " s shutdown grace";
        LOG.warnf("shutdown: grace of %d s over; stopping and releasing %d job(s): %s", grace.toSeconds(),
                running.count(), running.describe());
        running.stopAllForRelease(reason);
        if (running.awaitNone(STOP_TIMEOUT)) {
            LOG.infof("shutdown: every remaining job was released (or finished)");
        } else {
            LOG.errorf("shutdown: %d job(s) did not stop within %d s and stay under this worker's lease until it "
                    + "expires (then orphan recovery re-queues them): %s", running.count(), STOP_TIMEOUT.toSeconds(),
                    running.describe());
        }
    }

    /**
     * Stops fetching records at once. The gate alone would refuse them, but each refused record fails the channel;
     * pausing keeps them on the broker, uncommitted, for the partition's next owner.
     */
    private void pauseConsumer() {
        try {
            KafkaConsumer<Object, Object> consumer = kafka.getConsumer(JobConsumer.CHANNEL);
            if (consumer == null) {
                return;
            }
            var paused = consumer.pause().await().atMost(Duration.ofSeconds(5));
            LOG.infof("shutdown: jobs consumer paused (partitions %s)", paused);
        } catch (RuntimeException e) {
            LOG.warnf("shutdown: could not pause the jobs consumer (%s); records it still receives are not claimed",
                    e.toString());
        }
    }
}
