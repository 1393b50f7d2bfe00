package io.arca.api.health;

import io.arca.jobs.relay.OutboxKafka;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while a Kafka broker answers (the database has its own check from the datasource extension). Note:
 * the API keeps accepting backups while Kafka is down (the outbox holds them); "not ready" tells operators and load
 * balancers that jobs are not flowing.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {
    private static final int TIMEOUT_MS = 2000;

    @Inject
    OutboxKafka kafka;

    @Override
    public HealthCheckResponse call() {
        try {
            var cluster = kafka.admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
            int brokers = cluster.nodes().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
            return HealthCheckResponse.named("kafka").up().withData("brokers", brokers).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.named("kafka").down().withData("error", "interrupted").build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").down()
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
