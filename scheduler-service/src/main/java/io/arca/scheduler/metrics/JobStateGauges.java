package io.arca.scheduler.metrics;

import io.agroal.api.AgroalDataSource;
import io.arca.common.job.JobKind;
import io.arca.common.job.JobState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code arca_jobs{kind, state}}: how many backups and restores are in each state, across tenants (queue depth for
 * operators and autoscaling). Counted by the scheduler every 15 s, so scrapes never query the catalog.
 */
@Startup
@ApplicationScoped
public class JobStateGauges {
    private static final Logger LOG = Logger.getLogger(JobStateGauges.class);
    private static final Map<JobKind, String> TABLES = Map.of(JobKind.BACKUP, "backups", JobKind.RESTORE, "restores");

    private final AgroalDataSource db;
    private final Map<JobKind, Map<JobState, AtomicLong>> counts = new EnumMap<>(JobKind.class);

    public JobStateGauges(AgroalDataSource db, MeterRegistry registry) {
        this.db = db;
        for (JobKind kind : TABLES.keySet()) {
            Map<JobState, AtomicLong> byState = new EnumMap<>(JobState.class);
            for (JobState state : JobState.values()) {
                AtomicLong value = new AtomicLong();
                byState.put(state, value);
                Gauge.builder("arca.jobs", value, AtomicLong::get).tag("kind", kind.wireName())
                        .tag("state", state.wireName()).description("jobs in the catalog by kind and state")
                        .register(registry);
            }
            counts.put(kind, byState);
        }
    }

    @Scheduled(identity = "job-state-gauges", every = "15s", delayed = "5s")
    void refresh() {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (Map.Entry<JobKind, String> t : TABLES.entrySet()) {
                Map<JobState, AtomicLong> byState = counts.get(t.getKey());
                Map<JobState, Long> fresh = new EnumMap<>(JobState.class);
                try (ResultSet rs = s.executeQuery("select state, count(*) from " + t.getValue() + " group by state")) {
                    while (rs.next()) {
                        fresh.put(JobState.fromWireName(rs.getString(1)), rs.getLong(2));
                    }
                }
                byState.forEach((state, value) -> value.set(fresh.getOrDefault(state, 0L)));
            }
        } catch (Exception e) {
            LOG.debugf("job state gauges not refreshed: %s", e.toString());
        }
    }
}
