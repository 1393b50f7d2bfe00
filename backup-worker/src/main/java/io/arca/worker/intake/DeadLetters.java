package io.arca.worker.intake;

import io.agroal.api.AgroalDataSource;
import io.arca.common.messages.MessageStreams;
import io.arca.worker.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Sends an unprocessable job message to the dead-letter stream ({@code jobs-dlq}) through the outbox, with the
 * reason and where it came from, so it is never silently dropped and can be inspected or replayed.
 */
@ApplicationScoped
public class DeadLetters {
    private final AgroalDataSource db;
    private final Outbox outbox;

    public DeadLetters(AgroalDataSource db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** Publishes a valid job message again (through the outbox), for a worker that cannot take it. */
    @Transactional
    public void handBack(String key, String payload, UUID tenantId) throws SQLException {
        try (Connection c = db.getConnection()) {
            outbox.insertJson(c, MessageStreams.JOBS, key == null ? "none" : key, payload, tenantId);
        }
    }

    @Transactional
    public void send(String reason, String key, String payload, String topic, int partition, long offset,
            UUID tenantId, String workerId) throws SQLException {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("reason", reason);
        letter.put("topic", topic);
        letter.put("partition", partition);
        letter.put("offset", offset);
        letter.put("key", key);
        letter.put("payload", payload);
        letter.put("workerId", workerId);
        letter.put("rejectedAt", Instant.now().toString());
        try (Connection c = db.getConnection()) {
            outbox.insert(c, MessageStreams.JOBS_DLQ, key == null ? "none" : key, letter, tenantId);
        }
    }
}
