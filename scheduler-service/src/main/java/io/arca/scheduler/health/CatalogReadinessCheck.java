package io.arca.scheduler.health;

import io.arca.jobs.cdi.DependencyChecks;
import io.arca.jobs.health.DependencyHealthCheck;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** Everything the scheduler does (schedules, orphan recovery, retention, metrics) reads and writes the catalog. */
@Readiness
@Singleton
public class CatalogReadinessCheck extends DependencyHealthCheck {
    public CatalogReadinessCheck(DependencyChecks checks) {
        super(checks.catalog());
    }
}
