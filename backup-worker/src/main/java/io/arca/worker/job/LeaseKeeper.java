package io.arca.worker.job;

import io.arca.jobs.JobColumns;
import io.arca.jobs.cdi.JobsConfig;
import io.arca.jobs.progress.ProgressSource;
import io.arca.worker.config.WorkerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the leases of running jobs alive and writes their progress. One tick per job every second: a heartbeat
 * is due every third of the lease (so two can fail before it expires); progress is written when it changed and
 * the last write is at least {@code arca.worker.progress-interval-seconds} old. A heartbeat that matches no row
 * means the lease was lost; heartbeats that keep failing for a whole lease mean the same (this worker can no longer
 * prove it holds the job). Either way the job is cancelled.
 */
@ApplicationScoped
public class LeaseKeeper {
    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

    private final JobStore store;
    private final WorkerConfig config;
    private final JobsConfig jobs;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, r -> {
        // created lazily by the first job's thread: drop the MDC it inherits, each tick enters its own job's
        Thread t = new Thread(() -> {
            JobLogContext.clear();
            r.run();
        }, "arca-lease-keeper");
        t.setDaemon(true);
        return t;
    });

    public LeaseKeeper(JobStore store, WorkerConfig config, JobsConfig jobs) {
        this.store = store;
        this.config = config;
        this.jobs = jobs;
    }

    /** Starts keeping {@code context}'s lease; close the returned handle when the job ends. */
    public AutoCloseable keep(JobContext context) {
        Ticker ticker = new Ticker(context);
        ScheduledFuture<?> future = timer.scheduleWithFixedDelay(ticker, 1, 1, TimeUnit.SECONDS);
        return () -> future.cancel(false);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private final class Ticker implements Runnable {
        private final JobContext context;
        private final long leaseMillis = jobs.leaseSeconds() * 1000L;
        private final long heartbeatMillis = Math.max(1000L, leaseMillis / 3);
        private final long progressMillis = config.progressIntervalSeconds() * 1000L;
        private long lastOk = System.currentTimeMillis();
        private long lastBeat = lastOk;
        private long lastProgress;
        private long lastChange = -1;

        Ticker(JobContext context) {
            this.context = context;
        }

        @Override
        public void run() {
            try (JobLogContext ignored = JobLogContext.enter(context.job())) {
                tick();
            }
        }

        private void tick() {
            if (context.isCancelled()) {
                return;
            }
            long now = System.currentTimeMillis();
            ProgressSource progress = context.progress();
            long change = progress == null ? lastChange : progress.changeCount();
            boolean progressDue = change != lastChange && now - lastProgress >= progressMillis;
            if (!progressDue && now - lastBeat < heartbeatMillis) {
                return;
            }
            try {
                JobColumns columns = progressDue ? progress.columns() : new JobColumns();
                Map<String, Object> event = progressDue ? progress.eventData() : null;
                if (!store.heartbeat(context.job(), columns, event)) {
                    context.cancel("lease lost: the job was taken over or finished elsewhere");
                    return;
                }
                lastOk = now;
                lastBeat = now;
                if (progressDue) {
                    lastProgress = now;
                    lastChange = change;
                }
            } catch (Exception e) {
                LOG.warnf("heartbeat of %s failed: %s", context.job().describe(), e.toString());
                if (now - lastOk >= leaseMillis) {
                    context.cancel("lease lost: no successful heartbeat for " + leaseMillis / 1000 + " s");
                }
            }
        }
    }
}
