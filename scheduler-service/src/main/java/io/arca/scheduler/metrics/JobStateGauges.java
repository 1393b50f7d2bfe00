package io.arca.scheduler.metrics;

import io.agroal.api.AgroalDataSource;
import io.arca.common.job.JobState;
import io.arca.jobs.JobTable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code arca_jobs{kind, state}}: how many jobs of each kind are in each state, across tenants (queue depth for
 * operators and autoscaling). Counted by the scheduler every {@code arca.metrics.refresh-interval} (15 s), so scrapes never query the catalog.
 */
@Startup
@ApplicationScoped
public class JobStateGauges {
    private static final Logger LOG = Logger.getLogger(JobStateGauges.class);

    private final AgroalDataSource db;
    private final Map<JobTable, Map<JobState, AtomicLong>> counts = new EnumMap<>(JobTable.class);

    public JobStateGauges(AgroalDataSource db, MeterRegistry registry) {
        this.db = db;
        for (JobTable table : JobTable.values()) {
            Map<JobState, AtomicLong> byState = new EnumMap<>(JobState.class);
            for (JobState state : JobState.values()) {
                AtomicLong value = new AtomicLong();
                byState.put(state, value);
                Gauge.builder("arca.jobs", value, AtomicLong::get).tag("kind", table.kind().wireName())
                        .tag("state", state.wireName()).description("jobs in the catalog by kind and state")
                        .register(registry);
            }
            counts.put(table, byState);
        }
    }

    @Scheduled(identity = "job-state-gauges", every = "${arca.metrics.refresh-interval}", delayed = "5s")
    void refresh() {
        try (Connection c = db.getConnection()) {
            for (JobTable table : JobTable.values()) {
                Map<JobState, Long> fresh = table.countByState(c);
                counts.get(table).forEach((state, value) -> value.set(fresh.getOrDefault(state, 0L)));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("job state gauges not refreshed: %s", e.toString());
        }
    }
}
