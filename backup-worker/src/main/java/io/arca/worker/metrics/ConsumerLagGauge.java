package io.arca.worker.metrics;

import io.arca.jobs.cdi.TopicsConfig;
import io.arca.jobs.relay.OutboxKafka;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code arca_kafka_consumer_lag{topic,group}}: the worker group's lag on the job topic ({@link ConsumerLag}, what
 * KEDA scales on), read with the Kafka admin client every {@value #REFRESH_SECONDS} s (KEDA's polling interval) on a
 * virtual thread, so a scrape never calls Kafka. NaN until the first successful read and while Kafka does not answer:
 * an unknown lag must not look like an empty queue.
 */
@ApplicationScoped
public class ConsumerLagGauge {
    static final int REFRESH_SECONDS = 15;
    private static final Logger LOG = Logger.getLogger(ConsumerLagGauge.class);
    private static final long UNKNOWN = -1;
    private static final long TIMEOUT_SECONDS = 5;

    private final OutboxKafka kafka;
    private final String topic;
    private final String group;
    private final AtomicLong lag = new AtomicLong(UNKNOWN);
    private volatile Thread loop;

    public ConsumerLagGauge(OutboxKafka kafka, TopicsConfig topics, MeterRegistry registry,
            @ConfigProperty(name = "mp.messaging.incoming.jobs.group.id") String group) {
        this.kafka = kafka;
        this.topic = topics.jobs();
        this.group = group;
        Gauge.builder("arca.kafka.consumer.lag", lag, v -> v.get() == UNKNOWN ? Double.NaN : v.get())
                .tag("topic", topic).tag("group", group)
                .description("records of the topic the worker group has not committed (as KEDA computes it)")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        loop = Thread.ofVirtual().name("kafka-consumer-lag").start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        Thread t = loop;
        if (t != null) {
            t.interrupt();
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            refresh();
            try {
                Thread.sleep(Duration.ofSeconds(REFRESH_SECONDS));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads the offsets once and sets the gauge; on failure the gauge is unknown until the next success. */
    void refresh() {
        try {
            lag.set(read(kafka.admin()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            lag.set(UNKNOWN);
            LOG.debugf("consumer lag of %s on %s not read: %s", group, topic, e.toString());
        }
    }

    private long read(Admin admin) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<Integer, Long> endOffsets = new HashMap<>();
        ends.forEach((p, info) -> endOffsets.put(p.partition(), info.offset()));
        Map<Integer, Long> committedOffsets = new HashMap<>();
        committed.forEach((p, offset) -> {
            // a group's offsets of other topics are not this topic's lag; a null entry means none committed
            if (p.topic().equals(topic) && offset != null) {
                committedOffsets.put(p.partition(), offset.offset());
            }
        });
        return ConsumerLag.total(endOffsets, committedOffsets);
    }
}
