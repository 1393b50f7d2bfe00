package io.arca.api.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Appends a message to the outbox in the caller's transaction, so the state change and its message commit or roll
 * back together. {@link OutboxRelay} publishes it later.
 */
@ApplicationScoped
public class OutboxWriter {
    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /**
     * @param stream logical stream, one of {@link io.arca.common.messages.MessageStreams}
     * @param key    Kafka record key: messages with one key are published in the order they were appended
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String stream, String key, Object payload, UUID tenantId) {
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message not serialisable: " + payload.getClass().getName(), e);
        }
        em.createNativeQuery("insert into outbox (stream, message_key, payload, tenant_id) "
                        + "values (?1, ?2, cast(?3 as jsonb), ?4)")
                .setParameter(1, stream)
                .setParameter(2, key)
                .setParameter(3, body)
                .setParameter(4, tenantId)
                .executeUpdate();
    }
}
