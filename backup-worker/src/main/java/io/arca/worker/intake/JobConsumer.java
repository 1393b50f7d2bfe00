package io.arca.worker.intake;

import io.arca.common.job.JobKind;
import io.arca.common.messages.JobMessage;
import io.arca.jobs.ClaimResult;
import io.arca.jobs.JobTable;
import io.arca.jobs.outbox.DeadLetter;
import io.arca.worker.job.JobExecutor;
import io.arca.worker.job.JobStore;
import io.arca.worker.job.WorkerIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.Callable;
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
 * <p>Only a record that no retry can make processable is dead-lettered ({@link DeadLetters}, one shape, through the
 * outbox). A valid job is never dead-lettered: a catalog outage is retried until the catalog answers (the record
 * waits, and so does this partition), and a shutdown while the job waits for a slot or a claim throws
 * {@link ShuttingDownException}: the channel's {@code fail} strategy then leaves the record's offset uncommitted,
 * so the worker that takes over the partition reads the job again.
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
    private final MeterRegistry metrics;

    public JobConsumer(JobMessageReader reader, JobStore store, JobExecutor executor, DeadLetters deadLetters,
            WorkerIdentity identity, MeterRegistry metrics) {
        this.reader = reader;
        this.store = store;
        this.executor = executor;
        this.deadLetters = deadLetters;
        this.identity = identity;
        this.metrics = metrics;
        // every reason exists from the start at 0, so an alert on increase() sees the first dead letter
        for (DeadLetterReason why : DeadLetterReason.values()) {
            deadLetterCounter(why);
        }
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        JobMessage message;
        try {
            message = reader.read(record.value());
        } catch (UnprocessableMessageException e) {
            deadLetter(record, e.reason(), e.getMessage(), null);
            return;
        }
        JobKind kind = JobKind.fromWireName(message.kind());
        if (!executor.supports(kind)) {
            deadLetter(record, DeadLetterReason.UNSUPPORTED_KIND,
                    "this worker has no handler for job kind " + message.kind(), message);
            return;
        }
        try {
            executor.awaitSlot();
        } catch (InterruptedException e) {
            throw new ShuttingDownException("waiting for a job slot", message);
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
                case NOT_FOUND -> deadLetter(record, DeadLetterReason.UNKNOWN_JOB,
                        "unknown job: no " + message.kind() + " " + message.jobId(), message);
                case TENANT_MISMATCH -> deadLetter(record, DeadLetterReason.TENANT_MISMATCH,
                        "tenant " + message.tenantId() + " does not own "
                        + message.kind() + " " + message.jobId(), message);
            }
            count(result.outcome().name().toLowerCase());
        } finally {
            if (!started) {
                executor.releaseSlot();
            }
        }
    }

    private ClaimResult claimWithRetry(JobTable table, JobMessage message) {
        return untilCatalogAnswers("claim of " + message.kind() + " " + message.jobId(), message,
                () -> store.claim(table, message.jobId(), message.tenantId(), identity.id()));
    }

    /**
     * Retries a catalog call until the catalog answers: the record is acknowledged only after its outcome is
     * written, so while the catalog is down the record (and its partition) waits rather than being dropped.
     */
    private <T> T untilCatalogAnswers(String what, JobMessage message, Callable<T> call) {
        long backoff = 250;
        while (true) {
            try {
                return call.call();
            } catch (Exception e) {
                LOG.warnf("%s failed, retrying in %d ms: %s", what, backoff, e);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    throw new ShuttingDownException(what, message);
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, DeadLetterReason why, String reason,
            JobMessage message) {
        LOG.warnf("job message %s-%d@%d goes to the dead-letter stream: %s", record.topic(), record.partition(),
                record.offset(), reason);
        DeadLetter letter = new DeadLetter(reason, record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), identity.id(), Instant.now(), message == null ? null : message.tenantId());
        untilCatalogAnswers("dead letter of " + record.topic() + "-" + record.partition() + "@" + record.offset(),
                message, () -> {
                    deadLetters.send(letter);
                    return null;
                });
        count("dead-letter");
        deadLetterCounter(why).increment();
    }

    private Counter deadLetterCounter(DeadLetterReason why) {
        return Counter.builder("arca.dead.letters").tag("reason", why.label())
                .description("job records this worker dead-lettered, by reason").register(metrics);
    }

    private void count(String result) {
        metrics.counter("arca.jobs.messages", "result", result).increment();
    }
}
