package io.arca.scheduler.schedules;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.jobs.PendingJobs;
import io.arca.jobs.outbox.Outbox;
import io.arca.schedule.fire.ScheduleFires;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The plain-Java parts of firing as beans. */
@ApplicationScoped
public class ScheduleBeans {

    @Produces
    @Singleton
    ScheduleFires scheduleFires(PendingJobs jobs, Outbox outbox) {
        return new ScheduleFires(jobs, outbox);
    }

    @Produces
    @Singleton
    DueSchedules dueSchedules(ScheduleFires fires, ObjectMapper json) {
        return new DueSchedules(fires, json);
    }
}
