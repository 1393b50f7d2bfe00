package io.arca.worker.intake;

import io.arca.common.job.JobKind;
import io.arca.common.messages.JobMessage;
import io.arca.worker.config.WorkerConfig;
import io.arca.worker.job.ClaimResult;
import io.arca.worker.job.JobExecutor;
import io.arca.worker.job.JobStore;
import io.arca.worker.job.JobTable;
import io.arca.worker.job.WorkerIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes job commands. For each message: validate it (else dead-letter with the reason), wait for a free job
 * slot, claim the row in the catalog, start the job on its own thread, and return - the connector acknowledges the
 * record when this method returns, i.e. right after the claim transaction committed, so a long dump never holds an
 * unacknowledged record. Delivery is at least once; a repeated or stale message finds the row already running,
 * finished or cancelled, and changes nothing.
 *
 * <p>A catalog failure is retried for {@code arca.worker.claim-retry-seconds}; after that the method throws and the
 * channel's dead-letter-queue failure strategy publishes the record to the DLQ topic with the reason.
 */
@ApplicationScoped
public class JobConsumer {
    public static final String CHANNEL = "jobs";
    private static final Logger LOG = Logger.getLogger(JobConsumer.class);

    private final JobMessageReader reader;
    private final JobStore store;
    private final JobExecutor executor;
    private final DeadLetters deadLetters;
    private final WorkerIdentity identity;
    private final WorkerConfig config;
    private final MeterRegistry metrics;

    public JobConsumer(JobMessageReader reader, JobStore store, JobExecutor executor, DeadLetters deadLetters,
            WorkerIdentity identity, WorkerConfig config, MeterRegistry metrics) {
        this.reader = reader;
        this.store = store;
        this.executor = executor;
        this.deadLetters = deadLetters;
        this.identity = identity;
        this.config = config;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws Exception {
        JobMessage message;
        try {
            message = reader.read(record.value());
        } catch (UnprocessableMessageException e) {
            deadLetter(record, e.getMessage(), null);
            return;
        }
        JobKind kind = JobKind.fromWireName(message.kind());
        if (!executor.supports(kind)) {
            deadLetter(record, "this worker has no handler for job kind " + message.kind(), message);
            return;
        }
        try {
            executor.awaitSlot();
        } catch (InterruptedException e) {
            // shutting down while every slot is busy: hand the job back to the topic instead of failing the
            // record (which would dead-letter a perfectly good job); another worker picks it up
            LOG.infof("shutting down: %s %s goes back to the jobs stream", message.kind(), message.jobId());
            deadLetters.handBack(record.key(), record.value(), message.tenantId());
            return;
        }
        boolean started = false;
        try {
            ClaimResult result = claimWithRetry(JobTable.of(kind), message);
            switch (result.outcome()) {
                case CLAIMED -> {
                    executor.start(result.job());
                    started = true;
                }
                case NOT_CLAIMABLE, LOST_RACE -> LOG.infof("%s %s attempt %d: nothing to do (row is %s, %s)",
                        message.kind(), message.jobId(), message.attempt(),
                        result.foundState() == null ? "?" : result.foundState().wireName(), result.outcome());
                case NOT_FOUND -> deadLetter(record, "unknown job: no " + message.kind() + " " + message.jobId(), message);
                case TENANT_MISMATCH -> deadLetter(record, "tenant " + message.tenantId() + " does not own "
                        + message.kind() + " " + message.jobId(), message);
            }
            count(result.outcome().name().toLowerCase());
        } finally {
            if (!started) {
                executor.releaseSlot();
            }
        }
    }

    private ClaimResult claimWithRetry(JobTable table, JobMessage message) throws Exception {
        long deadline = System.currentTimeMillis() + config.claimRetrySeconds() * 1000L;
        long backoff = 250;
        while (true) {
            try {
                return store.claim(table, message.jobId(), message.tenantId(), identity.id());
            } catch (Exception e) {
                if (System.currentTimeMillis() + backoff > deadline) {
                    throw new IllegalStateException("catalog unavailable, could not claim " + message.kind() + " "
                            + message.jobId() + ": " + e.getMessage(), e);
                }
                LOG.warnf("claim of %s %s failed, retrying in %d ms: %s", message.kind(), message.jobId(), backoff, e);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason, JobMessage message) throws Exception {
        LOG.warnf("job message %s-%d@%d goes to the dead-letter stream: %s", record.topic(), record.partition(),
                record.offset(), reason);
        deadLetters.send(reason, record.key(), record.value(), record.topic(), record.partition(), record.offset(),
                message == null ? null : message.tenantId(), identity.id());
        count("dead-letter");
    }

    private void count(String result) {
        metrics.counter("arca.jobs.messages", "result", result).increment();
    }
}
