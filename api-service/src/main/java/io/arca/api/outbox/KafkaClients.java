package io.arca.api.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates the Kafka clients of this service from {@code kafka.bootstrap.servers}; owns the shared admin client. */
@ApplicationScoped
public class KafkaClients {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    OutboxConfig outbox;

    @Inject
    TopicsConfig topics;

    private Admin admin;

    /**
     * A producer for the relay: acks=all and idempotence, so an acknowledged record is durable and a retried send
     * is not duplicated or reordered within a partition (idempotence allows up to 5 requests in flight).
     */
    public KafkaProducer<String, String> newProducer() {
        int timeoutMs = outbox.sendTimeoutSeconds() * 1000;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "arca-api-outbox");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Math.min(timeoutMs, 5000)));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(timeoutMs, 5000)));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeoutMs, 5010)));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    public synchronized Admin admin() {
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "arca-api-admin");
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
            admin = Admin.create(props);
        }
        return admin;
    }

    /** Creates the three topics when missing (does not depend on broker-side auto-creation). */
    public void ensureTopics() throws InterruptedException, ExecutionException, TimeoutException {
        List<NewTopic> wanted = List.of(topics.jobs(), topics.events(), topics.jobsDlq()).stream()
                .map(name -> new NewTopic(name, topics.partitions(), topics.replicationFactor()))
                .toList();
        for (var result : admin().createTopics(wanted).values().entrySet()) {
            try {
                result.getValue().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
