package io.arca.api.job;

import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * Appends a message to the outbox in the caller's (Hibernate) transaction, on its connection, so the state change
 * and its message commit or roll back together. The job platform's relay publishes it later.
 */
@ApplicationScoped
public class OutboxWriter {
    private final EntityManager em;
    private final Outbox outbox;

    public OutboxWriter(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(OutboxMessage message) {
        em.unwrap(Session.class).doWork(connection -> outbox.append(connection, message));
    }
}
