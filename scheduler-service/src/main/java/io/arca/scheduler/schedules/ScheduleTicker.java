package io.arca.scheduler.schedules;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Fires due schedules every {@code arca.schedules.tick-interval}, with "now" from the scheduler's clock. Safe on any
 * number of replicas (see {@link DueSchedules}); {@code SKIP} keeps a long tick from overlapping the next one here.
 */
@ApplicationScoped
public class ScheduleTicker {
    private static final Logger LOG = Logger.getLogger(ScheduleTicker.class);

    private final ScheduleFiring firing;
    private final Clock clock;

    public ScheduleTicker(ScheduleFiring firing, Clock clock) {
        this.firing = firing;
        this.clock = clock;
    }

    @Scheduled(identity = "schedule-firing", every = "${arca.schedules.tick-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            firing.fireDue(clock.instant());
        } catch (Exception e) {
            // nothing of the failed batch was committed; the next tick claims it again
            LOG.errorf(e, "firing due schedules failed");
        }
    }
}
