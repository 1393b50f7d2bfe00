package io.arca.api.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.testing.InfraEnv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a test run's topic from the beginning with a plain consumer (a fresh group each time). */
final class TopicReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Message(String key, JsonNode value) {
    }

    private TopicReader() {
    }

    /** The topic's name in this run: {@code arca.test.topic-prefix} + name. */
    static String topic(String name) {
        return System.getProperty("arca.test.topic-prefix") + name;
    }

    /** Reads until {@code done} holds for what was read, or the timeout passes; returns everything read. */
    static List<Message> readUntil(String topic, Predicate<List<Message>> done, Duration timeout) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, InfraEnv.require().kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "api-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Message> read = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < deadline && !done.test(read)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    read.add(new Message(record.key(), JSON.readTree(record.value())));
                }
            }
        }
        return read;
    }
}
