package io.arca.jobs.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends outbox rows to Kafka and says how many of them, counted from the first, the broker acknowledged.
 *
 * <p>Why a plain {@link KafkaProducer} rather than a SmallRye emitter: the relay must stamp a row only after its
 * ack and must know exactly which prefix of a batch was acknowledged; the producer's futures give that directly.
 * The first row of a batch is sent alone and acknowledged before the rest are sent pipelined and awaited in id
 * order. With idempotence on, the producer keeps records of one partition in send order even across retries, so
 * per-key order holds. After a failure the producer is closed (pending records aborted) and a fresh one is used
 * for the next attempt. Remaining window: a broker that fails in the middle of a pipelined batch and returns
 * within the delivery timeout can let a later record through while an earlier one expired; the earlier one is
 * then re-published (delivery is at least once, consumers are idempotent and check the catalog).
 */
class OutboxPublisher implements AutoCloseable {
    /** Header with the outbox row id, so a consumer or an operator can tell a re-published record. */
    static final String OUTBOX_ID_HEADER = "arca-outbox-id";

    private final OutboxKafka clients;
    private final RelaySettings config;
    private KafkaProducer<String, String> producer;

    OutboxPublisher(OutboxKafka clients, RelaySettings config) {
        this.clients = clients;
        this.config = config;
    }

    /** The outcome of a batch: rows [0, acknowledged) are on the broker; {@code failure} says why the rest are not. */
    record Outcome(int acknowledged, Exception failure) {
    }

    synchronized Outcome publish(List<OutboxRow> rows) {
        if (producer == null) {
            producer = clients.newProducer();
        }
        // The first row goes alone: while the broker is unreachable only this one record is ever pending. Records
        // queued during an outage could otherwise expire while later ones of the same partition get through once
        // the broker is back, which would publish a key's messages out of order.
        Outcome probe = sendAll(rows.subList(0, 1));
        if (probe.failure() != null || rows.size() == 1) {
            return probe;
        }
        Outcome rest = sendAll(rows.subList(1, rows.size()));
        return new Outcome(1 + rest.acknowledged(), rest.failure());
    }

    /** Sends the rows pipelined and awaits their acks in order; stops at the first failure. */
    private Outcome sendAll(List<OutboxRow> rows) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        Exception failure = null;
        for (OutboxRow row : rows) {
            String topic = clients.topics().forStream(row.stream()).orElseThrow();
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, row.key(), row.payload());
            record.headers().add(OUTBOX_ID_HEADER, Long.toString(row.id()).getBytes(StandardCharsets.UTF_8));
            try {
                sent.add(producer.send(record));
            } catch (RuntimeException e) {
                failure = e; // e.g. metadata not available within max.block.ms: the broker is down
                break;
            }
        }
        int acknowledged = 0;
        for (Future<RecordMetadata> ack : sent) {
            try {
                ack.get(config.sendTimeoutSeconds() + 5L, TimeUnit.SECONDS);
                acknowledged++;
            } catch (ExecutionException | TimeoutException e) {
                failure = e;
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
                break;
            }
        }
        if (failure != null) {
            reset();
        }
        return new Outcome(acknowledged, failure);
    }

    private void reset() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
