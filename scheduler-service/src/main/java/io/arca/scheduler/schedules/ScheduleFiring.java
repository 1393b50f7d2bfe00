package io.arca.scheduler.schedules;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Fires due schedules, one {@link DueSchedules} batch per transaction, until a batch is not full. */
@ApplicationScoped
public class ScheduleFiring {
    private static final Logger LOG = Logger.getLogger(ScheduleFiring.class);

    private final AgroalDataSource db;
    private final DueSchedules due;
    private final SchedulesConfig config;

    public ScheduleFiring(AgroalDataSource db, DueSchedules due, SchedulesConfig config) {
        this.db = db;
        this.due = due;
        this.config = config;
    }

    /** @return how many due schedules were handled (fired, skipped or put off) */
    public int fireDue(Instant now) throws SQLException {
        long started = System.nanoTime();
        int handled = 0;
        int batch;
        do {
            batch = fireBatch(now);
            handled += batch;
        } while (batch == config.claimBatchSize());
        if (handled > 0) {
            LOG.infof("fired %d due schedule(s) for %s in %d ms", handled, now,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return handled;
    }

    @Transactional
    int fireBatch(Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            return due.fireBatch(c, now, config.claimBatchSize());
        }
    }
}
