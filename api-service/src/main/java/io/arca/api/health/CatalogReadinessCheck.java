package io.arca.api.health;

import io.arca.jobs.cdi.DependencyChecks;
import io.arca.jobs.health.DependencyHealthCheck;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/**
 * The API's only readiness dependency: every request reads or writes the catalog. Kafka is a wellness check
 * ({@link KafkaWellnessCheck}), the object store is only needed by downloads (which answer with a problem when it is
 * down).
 */
@Readiness
@Singleton
public class CatalogReadinessCheck extends DependencyHealthCheck {
    public CatalogReadinessCheck(DependencyChecks checks) {
        super(checks.catalog());
    }
}
