package io.arca.scheduler.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The scheduler's clock. Every time-driven step (firing schedules, retention, drills, gc) takes its "now" from this
 * bean at the trigger and passes it down as an {@code Instant}, so tests drive them with a chosen time instead of
 * waiting for wall-clock minutes.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
