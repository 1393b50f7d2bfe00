package io.arca.scheduler.drills;

import io.arca.scheduler.config.DrillsConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Starts due restore drills every {@code arca.drills.tick-interval}, batch after batch while batches are full. */
@ApplicationScoped
public class DrillSweeper {
    private static final Logger LOG = Logger.getLogger(DrillSweeper.class);

    private final DrillStarter starter;
    private final DrillsConfig config;
    private final Clock clock;

    public DrillSweeper(DrillStarter starter, DrillsConfig config, Clock clock) {
        this.starter = starter;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "restore-drills", every = "${arca.drills.tick-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sweep(clock.instant());
        } catch (Exception e) {
            // the next tick retries; nothing was committed for the failed batch
            LOG.errorf(e, "restore drill sweep failed");
        }
    }

    /** @return how many drills this sweep started */
    public int sweep(Instant now) throws Exception {
        int started = 0;
        DrillStarter.Batch batch;
        do {
            batch = starter.startDue(now);
            started += batch.started();
        } while (batch.taken() == config.batchSize());
        return started;
    }
}
