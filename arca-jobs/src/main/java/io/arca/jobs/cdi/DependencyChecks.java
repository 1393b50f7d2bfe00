package io.arca.jobs.cdi;

import io.arca.jobs.health.DependencyCheck;
import io.arca.jobs.relay.OutboxKafka;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * The probes of the two dependencies every service has, the catalog and Kafka, each created once per service (one
 * gauge {@code arca_dependency_up{dependency}} each). Which of them make a service not ready is the service's choice:
 * its health package has one small check class per dependency it needs.
 */
@ApplicationScoped
public class DependencyChecks {
    private final DependencyCheck catalog;
    private final DependencyCheck kafka;

    public DependencyChecks(DataSource dataSource, OutboxKafka outboxKafka, MeterRegistry metrics) {
        int timeoutMs = (int) DependencyCheck.TIMEOUT.toMillis();
        this.catalog = new DependencyCheck("catalog", () -> {
            try (Connection c = dataSource.getConnection()) {
                if (!c.isValid((int) DependencyCheck.TIMEOUT.toSeconds())) {
                    throw new IllegalStateException("connection not valid");
                }
                return "connection valid";
            }
        }, metrics);
        this.kafka = new DependencyCheck("kafka", () -> {
            var cluster = outboxKafka.admin().describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
            return cluster.nodes().get(timeoutMs + 500L, TimeUnit.MILLISECONDS).size() + " broker(s)";
        }, metrics);
    }

    /** Created at start-up, not on the first probe, so the gauges exist from the first scrape. */
    void createEagerly(@Observes Startup event) {
    }

    public DependencyCheck catalog() {
        return catalog;
    }

    public DependencyCheck kafka() {
        return kafka;
    }
}
