package io.arca.scheduler.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code backup.events} (consumer group {@code arca-notifications}, every scheduler replica in it, so each record
 * is ingested by one) in batches into the catalog's event log and deliveries ({@link IngestBatch}). The batch is
 * acknowledged when this method returns, i.e. after its transaction committed: at least once, and a record read again
 * adds nothing (event ids are unique in the log, deliveries unique per channel and event).
 *
 * <p>Nothing stops ingestion: a malformed record is dead-lettered and skipped (counted in
 * {@code arca_events_malformed_total}); a batch that fails for any other reason than the catalog is retried record by
 * record, and the record that fails alone is dead-lettered too; while the catalog is down the batch is retried until it
 * answers (the partition waits, nothing is lost).
 */
@ApplicationScoped
public class EventIngestor {
    public static final String CHANNEL = "events";
    private static final Logger LOG = Logger.getLogger(EventIngestor.class);

    private final IngestBatch batch;
    private final MeterRegistry metrics;
    private final Timer delay;

    public EventIngestor(IngestBatch batch, MeterRegistry metrics) {
        this.batch = batch;
        this.metrics = metrics;
        this.delay = Timer.builder("arca.events.ingest.delay")
                .description("From an event's time to its commit into the event log")
                .publishPercentileHistogram().register(metrics);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) throws InterruptedException {
        List<IngestBatch.Input> inputs = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> r : records) {
            inputs.add(new IngestBatch.Input(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
        }
        ingest(inputs);
    }

    /** Ingests {@code inputs} (in order); returns when they are committed. */
    public void ingest(List<IngestBatch.Input> inputs) throws InterruptedException {
        if (inputs.isEmpty()) {
            return;
        }
        try {
            record(untilCatalogAnswers(inputs));
        } catch (RuntimeException e) {
            LOG.warnf(e, "a batch of %d events failed; ingesting them one by one", inputs.size());
            for (IngestBatch.Input input : inputs) {
                try {
                    record(untilCatalogAnswers(List.of(input)));
                } catch (RuntimeException alone) {
                    deadLetter(input, alone);
                }
            }
        }
    }

    private IngestBatch.Outcome untilCatalogAnswers(List<IngestBatch.Input> inputs) throws InterruptedException {
        long backoff = 250;
        while (true) {
            try {
                return batch.ingest(inputs, Instant.now());
            } catch (SQLException e) {
                LOG.warnf("ingesting %d events failed, retrying in %d ms: %s", inputs.size(), backoff, e);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private void deadLetter(IngestBatch.Input input, RuntimeException cause) throws InterruptedException {
        String reason = "cannot be ingested: " + cause;
        LOG.warnf("skipping record %s-%d@%d: %s", input.topic(), input.partition(), input.offset(), reason);
        long backoff = 250;
        while (true) {
            try {
                batch.reject(input, reason, Instant.now());
                record(new IngestBatch.Outcome(List.of(), 0, 1, 0));
                return;
            } catch (SQLException e) {
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private void record(IngestBatch.Outcome outcome) {
        Instant now = Instant.now();
        outcome.logged().forEach(l -> {
            metrics.counter("arca.events.ingested", "type", l.event().type()).increment();
            delay.record(Duration.between(l.event().time(), now).isNegative() ? Duration.ZERO
                    : Duration.between(l.event().time(), now));
        });
        if (outcome.malformed() > 0) {
            metrics.counter("arca.events.malformed").increment(outcome.malformed());
        }
    }
}
