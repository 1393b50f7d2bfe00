package io.arca.worker.health;

import io.arca.jobs.cdi.DependencyChecks;
import io.arca.jobs.health.DependencyHealthCheck;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** The worker needs the catalog to claim jobs, keep their leases and record their results. */
@Readiness
@Singleton
public class CatalogReadinessCheck extends DependencyHealthCheck {
    public CatalogReadinessCheck(DependencyChecks checks) {
        super(checks.catalog());
    }
}
