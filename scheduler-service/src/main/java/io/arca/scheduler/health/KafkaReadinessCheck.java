package io.arca.scheduler.health;

import io.arca.jobs.cdi.DependencyChecks;
import io.arca.jobs.health.DependencyHealthCheck;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** The scheduler consumes job events from Kafka (notifications) and its relay publishes re-queued jobs to it. */
@Readiness
@Singleton
public class KafkaReadinessCheck extends DependencyHealthCheck {
    public KafkaReadinessCheck(DependencyChecks checks) {
        super(checks.kafka());
    }
}
