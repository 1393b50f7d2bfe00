package io.arca.jobs.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Appends messages to the {@code outbox} table on the caller's connection, so a message commits (or not) together
 * with the state change that caused it. Every service writes its messages here, and every service runs the relay
 * ({@link io.arca.jobs.relay.OutboxRelay}) that publishes them.
 */
public final class Outbox {
    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    public void append(Connection c, OutboxMessage message) throws SQLException {
        appendAll(c, List.of(message));
    }

    /** Appends several messages in one JDBC batch (one round trip for the lot, not one per message). */
    public void appendAll(Connection c, List<OutboxMessage> messages) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into outbox (stream, message_key, payload, tenant_id) values (?, ?, cast(? as jsonb), ?)")) {
            for (OutboxMessage message : messages) {
                ps.setString(1, message.stream());
                ps.setString(2, message.key());
                ps.setString(3, body(message));
                if (message.tenantId() == null) {
                    ps.setNull(4, Types.OTHER);
                } else {
                    ps.setObject(4, message.tenantId());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private String body(OutboxMessage message) {
        try {
            return json.writeValueAsString(message.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload not serialisable: "
                    + message.payload().getClass().getName(), e);
        }
    }
}
