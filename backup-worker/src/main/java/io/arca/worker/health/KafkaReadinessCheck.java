package io.arca.worker.health;

import io.arca.jobs.cdi.DependencyChecks;
import io.arca.jobs.health.DependencyHealthCheck;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** The worker takes its jobs from Kafka: without it no job reaches this replica. */
@Readiness
@Singleton
public class KafkaReadinessCheck extends DependencyHealthCheck {
    public KafkaReadinessCheck(DependencyChecks checks) {
        super(checks.kafka());
    }
}
