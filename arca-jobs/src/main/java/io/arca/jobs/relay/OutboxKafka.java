package io.arca.jobs.relay;

import java.time.Duration;
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

/** The relay's Kafka clients: a producer per outage (see {@link OutboxPublisher}) and one shared admin client. */
public class OutboxKafka implements AutoCloseable {
    private final String bootstrapServers;
    private final String clientId;
    private final Topics topics;
    private final RelaySettings settings;
    private Admin admin;

    /** @param clientId prefix of the client ids, e.g. the service name, so a broker's logs say who connected */
    public OutboxKafka(String bootstrapServers, String clientId, Topics topics, RelaySettings settings) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = clientId;
        this.topics = topics;
        this.settings = settings;
    }

    public Topics topics() {
        return topics;
    }

    /**
     * A producer for the relay: acks=all and idempotence, so an acknowledged record is durable and a retried send
     * is not duplicated or reordered within a partition (idempotence allows up to 5 requests in flight).
     */
    KafkaProducer<String, String> newProducer() {
        int timeoutMs = settings.sendTimeoutSeconds() * 1000;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-outbox");
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

    /** The shared admin client (readiness checks and topic creation). */
    public synchronized Admin admin() {
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin");
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
            admin = Admin.create(props);
        }
        return admin;
    }

    /** Creates the three topics when missing (does not depend on broker-side auto-creation). */
    public void ensureTopics() throws InterruptedException, ExecutionException, TimeoutException {
        var wanted = topics.all().stream()
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

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
