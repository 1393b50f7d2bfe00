package io.arca.worker.health;

import io.arca.jobs.health.DependencyCheck;
import io.arca.jobs.health.DependencyHealthCheck;
import io.arca.storage.ObjectStoreProducer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/**
 * The worker reads and writes every backup in the object store: without it every job would fail with
 * {@code object-store-unavailable}. The probe asks for the bucket (and creates it when absent, so a store that was down
 * at start-up ends up with its bucket without waiting for the first job).
 */
@Readiness
@Singleton
public class ObjectStoreReadinessCheck extends DependencyHealthCheck {
    public ObjectStoreReadinessCheck(ObjectStoreProducer store, MeterRegistry metrics) {
        super(new DependencyCheck("objectstore", store::probe, metrics));
    }

    /** Created at start-up, not on the first probe, so the gauge exists from the first scrape. */
    void createEagerly(@Observes Startup event) {
    }
}
