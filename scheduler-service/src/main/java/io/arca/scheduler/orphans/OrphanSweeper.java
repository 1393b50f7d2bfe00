package io.arca.scheduler.orphans;

import io.arca.jobs.JobTable;
import io.arca.scheduler.config.SchedulerConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs orphan recovery periodically for backups and restores. Safe on any number of replicas (see
 * {@link OrphanRecovery}); {@code SKIP} keeps a slow sweep from overlapping the next one in this replica.
 */
@ApplicationScoped
public class OrphanSweeper {
    private static final Logger LOG = Logger.getLogger(OrphanSweeper.class);

    private final OrphanRecovery recovery;
    private final SchedulerConfig config;

    public OrphanSweeper(OrphanRecovery recovery, SchedulerConfig config) {
        this.recovery = recovery;
        this.config = config;
    }

    @Scheduled(identity = "orphan-sweep", every = "${arca.scheduler.orphan-sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sweep();
        } catch (Exception e) {
            // the next run retries; nothing was committed for the failed batch
            LOG.errorf(e, "orphan sweep failed");
        }
    }

    /** One full sweep: expired leases of every job table, then publication of re-queued jobs that are due. */
    public int sweep() throws Exception {
        int batch = config.sweepBatchSize();
        int handled = 0;
        for (JobTable t : JobTable.values()) {
            int n;
            do {
                n = recovery.requeueExpired(t);
                handled += n;
            } while (n == batch);
            do {
                n = recovery.publishDue(t);
                handled += n;
            } while (n == batch);
        }
        return handled;
    }
}
