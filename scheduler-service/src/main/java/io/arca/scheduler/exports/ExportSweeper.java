package io.arca.scheduler.exports;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs the export expiry every {@code arca.exports.sweep-interval-seconds}, batch after batch until a batch finds
 * nothing more to delete. Safe on any number of replicas (see {@link ExportExpiry}).
 */
@ApplicationScoped
public class ExportSweeper {
    private static final Logger LOG = Logger.getLogger(ExportSweeper.class);

    private final ExportExpiry expiry;

    public ExportSweeper(ExportExpiry expiry) {
        this.expiry = expiry;
    }

    @Scheduled(identity = "export-expiry", every = "${arca.exports.sweep-interval-seconds}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sweep();
        } catch (Exception e) {
            // the next run retries; nothing was committed for the failed batch
            LOG.errorf(e, "export expiry sweep failed");
        }
    }

    /** @return how many expired exports this sweep deleted */
    public int sweep() throws Exception {
        int deleted = 0;
        ExportExpiry.Batch batch;
        do {
            batch = expiry.deleteExpired();
            deleted += batch.deleted();
        } while (batch.deleted() > 0 && batch.taken() == batch.deleted());
        return deleted;
    }
}
