package io.arca.scheduler.events;

import io.arca.common.messages.ArcaEvent;
import io.arca.common.messages.JobEvent;
import io.arca.events.EventLog;
import io.arca.scheduler.CatalogRows;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Records on the test run's events topic, notification channels in the catalog, and waiting for the ingestor. */
final class EventRows {
    private EventRows() {
    }

    /** Sends {@code values} to the events topic with {@code key}, in order, and waits for the broker's ack. */
    static void publish(String key, String... values) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put("acks", "all");
        String topic = ConfigProvider.getConfig().getValue("arca.topics.events", String.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, key, v)).get();
            }
        }
    }

    static String json(JobEvent fact) throws Exception {
        return EventLog.JSON.writeValueAsString(fact);
    }

    static String json(ArcaEvent event) {
        return EventLog.json(event);
    }

    /** A webhook channel of the rows' tenant (the secret's bytes do not matter to ingestion). */
    static UUID webhook(CatalogRows rows, boolean enabled, String... types) throws SQLException {
        UUID id = UUID.randomUUID();
        rows.exec("insert into notification_channels (id, tenant_id, name, kind, event_types, enabled, url, "
                + "secret_sealed) values (?, ?, ?, 'webhook', ?, ?, 'http://127.0.0.1:1/hook', '\\x00'::bytea)",
                id, rows.tenantId, "w-" + id, types, enabled);
        return id;
    }

    /** An email channel of the rows' tenant; {@code digestMinutes} may be null (one email per event). */
    static UUID email(CatalogRows rows, Integer digestMinutes, String... types) throws SQLException {
        UUID id = UUID.randomUUID();
        rows.exec("insert into notification_channels (id, tenant_id, name, kind, event_types, recipients, "
                + "digest_minutes) values (?, ?, ?, 'email', ?, array['ops@example.com'], ?)",
                id, rows.tenantId, "e-" + id, types, digestMinutes);
        return id;
    }

    /** Waits (up to a minute) until {@code condition} holds; fails naming what was awaited. */
    static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1]);
        }
        return data;
    }
}
