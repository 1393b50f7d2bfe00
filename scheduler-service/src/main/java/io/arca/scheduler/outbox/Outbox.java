package io.arca.scheduler.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Writes outbox rows on the caller's connection, so they commit with the state change that caused them. */
@ApplicationScoped
public class Outbox {
    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    public void insert(Connection c, String stream, String key, Object payload, UUID tenantId) throws SQLException {
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload not serializable", e);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into outbox (stream, message_key, payload, tenant_id) values (?, ?, cast(? as jsonb), ?)")) {
            ps.setString(1, stream);
            ps.setString(2, key);
            ps.setString(3, body);
            ps.setObject(4, tenantId);
            ps.executeUpdate();
        }
    }
}
