package io.arca.jobs.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A health check (readiness or wellness, by the subclass's annotation) named after its dependency, answering from a
 * {@link DependencyCheck}: {@code {"name": "kafka", "status": "DOWN", "data": {"error": "no answer within 2000 ms"}}}.
 */
/*
 * Subclasses are @Singleton, not @ApplicationScoped: a client proxy would need a no-argument constructor, and the
 * check has nothing to gain from one.
 */
public abstract class DependencyHealthCheck implements HealthCheck {
    private final DependencyCheck check;

    protected DependencyHealthCheck(DependencyCheck check) {
        this.check = check;
    }

    @Override
    public HealthCheckResponse call() {
        DependencyCheck.Status status = check.status();
        return HealthCheckResponse.named(check.dependency()).status(status.up())
                .withData(status.up() ? "answer" : "error", status.detail()).build();
    }
}
