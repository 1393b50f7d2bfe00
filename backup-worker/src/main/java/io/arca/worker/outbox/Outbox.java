package io.arca.worker.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.common.messages.JobEvent;
import io.arca.common.messages.MessageStreams;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

/**
 * Writes outbox rows on the caller's connection, so a message commits (or not) together with the state change
 * that caused it. The relay in api-service publishes them to the topic of their stream.
 */
@ApplicationScoped
public class Outbox {
    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    public void event(Connection c, JobEvent event) throws SQLException {
        insert(c, MessageStreams.EVENTS, event.jobId().toString(), event, event.tenantId());
    }

    public void insert(Connection c, String stream, String key, Object payload, UUID tenantId) throws SQLException {
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload not serializable", e);
        }
        insertJson(c, stream, key, body, tenantId);
    }

    /** Inserts a payload that is already JSON text. */
    public void insertJson(Connection c, String stream, String key, String body, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into outbox (stream, message_key, payload, tenant_id) values (?, ?, cast(? as jsonb), ?)")) {
            ps.setString(1, stream);
            ps.setString(2, key);
            ps.setString(3, body);
            if (tenantId == null) {
                ps.setNull(4, Types.OTHER);
            } else {
                ps.setObject(4, tenantId);
            }
            ps.executeUpdate();
        }
    }
}
