package io.arca.scheduler.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.arca.common.messages.ArcaEvent;
import io.arca.jobs.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/** Emits {@code backup.late} every {@code arca.events.late-sweep-interval} ({@link LateSources}). */
@ApplicationScoped
public class LateSweep {
    private static final Logger LOG = Logger.getLogger(LateSweep.class);

    private final AgroalDataSource db;
    private final LateSources late;

    public LateSweep(AgroalDataSource db, Outbox outbox, ObjectMapper json) {
        this.db = db;
        this.late = new LateSources(outbox, json);
    }

    @Scheduled(identity = "late-backups", every = "${arca.events.late-sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sweep(Instant.now());
        } catch (Exception e) {
            // nothing was committed; the next sweep looks again
            LOG.errorf(e, "late backup sweep failed");
        }
    }

    /** @return the backup.late events emitted at {@code now} */
    @Transactional(rollbackOn = SQLException.class)
    public List<ArcaEvent> sweep(Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            List<ArcaEvent> emitted = late.sweep(c, now);
            if (!emitted.isEmpty()) {
                LOG.infof("%d source(s) are late: backup.late emitted", emitted.size());
            }
            return emitted;
        }
    }
}
