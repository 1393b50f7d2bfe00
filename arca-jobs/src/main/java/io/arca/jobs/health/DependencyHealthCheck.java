package io.arca.jobs.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A health check (readiness or wellness, by the subclass's annotation) named after its dependency, answering from a
 * {@link DependencyCheck}: {@code {"name": "kafka", "status": "DOWN", "data": {"error": "no answer within 2 s"}}}.
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
