package io.arca.scheduler.events;

import io.agroal.api.AgroalDataSource;
import io.arca.events.EventLogPruning;
import io.arca.events.cdi.NotificationsConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Prunes the event log every {@code arca.events.prune-interval}: events older than
 * {@code arca.notifications.event-retention}, progress events older than {@code progress-retention}, never one a
 * pending or sending delivery still needs ({@link EventLogPruning}). One bounded batch per transaction; safe on any
 * number of replicas (a second pruner deletes nothing the first already did).
 */
@ApplicationScoped
public class EventPruner {
    private static final Logger LOG = Logger.getLogger(EventPruner.class);

    private final AgroalDataSource db;
    private final NotificationsConfig notifications;
    private final EventsConfig config;

    public EventPruner(AgroalDataSource db, NotificationsConfig notifications, EventsConfig config) {
        this.db = db;
        this.notifications = notifications;
        this.config = config;
    }

    @Scheduled(identity = "event-log-pruning", every = "${arca.events.prune-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            prune(Instant.now());
        } catch (Exception e) {
            // the next run prunes what this one could not; committed batches stay pruned
            LOG.errorf(e, "event log pruning failed");
        }
    }

    /** @return how many events were removed */
    public int prune(Instant now) throws SQLException {
        int removed = 0;
        int batch;
        do {
            batch = pruneBatch(now);
            removed += batch;
        } while (batch == config.pruneBatchSize());
        if (removed > 0) {
            LOG.infof("pruned %d event(s) from the event log", removed);
        }
        return removed;
    }

    @Transactional(rollbackOn = SQLException.class)
    int pruneBatch(Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            return EventLogPruning.pruneBatch(c, now, notifications.eventRetention(),
                    notifications.progressRetention(), config.pruneBatchSize());
        }
    }
}
