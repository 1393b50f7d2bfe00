package io.arca.scheduler.events;

import io.agroal.api.AgroalDataSource;
import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventLog;
import io.arca.events.EventType;
import io.arca.events.delivery.FanOut;
import io.arca.events.ingest.FactTranslation;
import io.arca.events.ingest.JobSubjects;
import io.arca.jobs.outbox.DeadLetter;
import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One batch of {@code backup.events} records in one catalog transaction: job facts translated into public events (the
 * subject read from the job's row), public events passed through, all appended to the event log in record order (ids
 * already logged are skipped: a record read twice adds nothing), then one delivery per matching enabled channel for
 * each newly logged event ({@link FanOut}). A malformed record is dead-lettered in the same transaction and skipped.
 */
@ApplicationScoped
public class IngestBatch {
    private static final Logger LOG = Logger.getLogger(IngestBatch.class);
    /** Who rejected a dead-lettered record (the DeadLetter's workerId field). */
    static final String CONSUMER = "arca-notifications";

    /** A record as read from Kafka. */
    public record Input(String topic, int partition, long offset, String key, String value) {
    }

    /** What a batch did. */
    public record Outcome(List<EventLog.Logged> logged, int deliveries, int malformed, int dropped) {
    }

    private final AgroalDataSource db;
    private final Outbox outbox;

    public IngestBatch(AgroalDataSource db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    @Transactional(rollbackOn = SQLException.class)
    public Outcome ingest(List<Input> records, Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            JobSubjects subjects = new JobSubjects(c);
            List<ArcaEvent> events = new ArrayList<>(records.size());
            int malformed = 0;
            int dropped = 0;
            for (Input r : records) {
                switch (EventRecord.read(r.value())) {
                    case EventRecord.Malformed m -> {
                        malformed++;
                        LOG.warnf("skipping malformed record %s-%d@%d: %s", r.topic(), r.partition(), r.offset(),
                                m.reason());
                        deadLetter(c, r, m.reason(), now);
                    }
                    case EventRecord.Fact f -> {
                        if (!FactTranslation.published(f.fact().type())) {
                            LOG.debugf("job fact %s is not in the event catalogue: not published", f.fact().type());
                            dropped++;
                        } else {
                            events.addAll(FactTranslation.translate(f.fact(), subjects.of(f.fact())));
                        }
                    }
                    case EventRecord.Public p -> {
                        if (EventType.ofWireName(p.event().type()).isEmpty()) {
                            LOG.debugf("event type %s is not in the catalogue: not logged", p.event().type());
                            dropped++;
                        } else {
                            events.add(p.event());
                        }
                    }
                }
            }
            List<EventLog.Logged> logged = EventLog.append(c, events);
            int deliveries = FanOut.enqueue(c, logged.stream().map(EventLog.Logged::event).toList(), now);
            return new Outcome(logged, deliveries, malformed, dropped);
        }
    }

    /** Dead-letters one record that could not be ingested even alone (the ingestor's last resort). */
    @Transactional(rollbackOn = SQLException.class)
    public void reject(Input r, String reason, Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            deadLetter(c, r, reason, now);
        }
    }

    /** The record, as read, on the dead-letter stream (one shape for every dead letter; see arca-jobs' README). */
    private void deadLetter(Connection c, Input r, String reason, Instant now) throws SQLException {
        outbox.append(c, OutboxMessage.deadLetter(new DeadLetter(reason, r.topic(), r.partition(), r.offset(), r.key(),
                r.value(), CONSUMER, now, null)));
    }
}
