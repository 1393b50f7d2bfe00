package io.arca.scheduler.gc;

import io.agroal.api.AgroalDataSource;
import io.arca.jobs.GcRuns;
import io.arca.jobs.cdi.GcConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Starts garbage collection: every {@code arca.gc.interval} it records a gc run (trigger {@code schedule}, cutoff =
 * now - {@code arca.gc.grace-period}) for every tenant that has chunks and no unfinished run, each in its own
 * transaction ({@link GcRuns#requestRun}: replicas ticking at once record one run per tenant). The worker runs it.
 */
@ApplicationScoped
public class GcStarter {
    private static final Logger LOG = Logger.getLogger(GcStarter.class);
    private static final int TENANT_PAGE = 100;

    private final AgroalDataSource db;
    private final GcRuns runs;
    private final GcConfig config;
    private final Clock clock;

    public GcStarter(AgroalDataSource db, GcRuns runs, GcConfig config, Clock clock) {
        this.db = db;
        this.runs = runs;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "gc-start", every = "${arca.gc.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            start(clock.instant());
        } catch (Exception e) {
            // the next tick tries again; runs recorded so far stay
            LOG.errorf(e, "starting garbage collection failed");
        }
    }

    /** Records the runs due at {@code now}; returns the ids of the runs recorded. */
    public List<UUID> start(Instant now) throws SQLException {
        List<UUID> started = new ArrayList<>();
        UUID after = null;
        List<UUID> tenants;
        do {
            tenants = tenantsDue(after);
            for (UUID tenant : tenants) {
                GcRuns.Requested run = request(tenant, now);
                if (run.created()) {
                    started.add(run.runId());
                }
                after = tenant;
            }
        } while (tenants.size() == TENANT_PAGE);
        if (!started.isEmpty()) {
            LOG.infof("garbage collection started for %d tenant(s), cutoff %s", started.size(),
                    now.minus(config.gracePeriod()));
        }
        return started;
    }

    @Transactional
    List<UUID> tenantsDue(UUID after) throws SQLException {
        try (Connection c = db.getConnection()) {
            return runs.tenantsDue(c, after, TENANT_PAGE);
        }
    }

    @Transactional
    GcRuns.Requested request(UUID tenant, Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            return runs.requestRun(c, tenant, "schedule", config.gracePeriod(), now);
        }
    }
}
