package io.arca.api.health;

import io.arca.jobs.cdi.DependencyChecks;
import io.arca.jobs.health.DependencyHealthCheck;
import io.smallrye.health.api.Wellness;
import jakarta.inject.Singleton;

/**
 * Kafka as a wellness check ({@code /q/health/well}), not readiness: the API writes job messages and events to the
 * outbox, which the relays publish once Kafka is back, so while Kafka is down the API still answers reads and accepts
 * backups. A not-ready API behind a Service would turn a Kafka outage into an API outage. The outage stays visible:
 * here, in {@code arca_dependency_up{dependency="kafka"}} and in the outbox backlog.
 */
@Wellness
@Singleton
public class KafkaWellnessCheck extends DependencyHealthCheck {
    public KafkaWellnessCheck(DependencyChecks checks) {
        super(checks.kafka());
    }
}
