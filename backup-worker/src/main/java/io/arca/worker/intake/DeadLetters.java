package io.arca.worker.intake;

import io.agroal.api.AgroalDataSource;
import io.arca.jobs.outbox.DeadLetter;
import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The worker's one way to dead-letter a job record: a {@link DeadLetter} through the outbox, so it is never silently
 * dropped and can be inspected (in the outbox table and on the DLQ topic) or replayed.
 */
@ApplicationScoped
public class DeadLetters {
    private final AgroalDataSource db;
    private final Outbox outbox;

    public DeadLetters(AgroalDataSource db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    @Transactional
    public void send(DeadLetter letter) throws SQLException {
        try (Connection c = db.getConnection()) {
            outbox.append(c, OutboxMessage.deadLetter(letter));
        }
    }
}
