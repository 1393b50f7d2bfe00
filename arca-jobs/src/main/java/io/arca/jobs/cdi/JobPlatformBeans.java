package io.arca.jobs.cdi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.jobs.GcRuns;
import io.arca.jobs.JobClaims;
import io.arca.jobs.OrphanedJobs;
import io.arca.jobs.PendingJobs;
import io.arca.jobs.outbox.Outbox;
import io.arca.jobs.relay.OutboxKafka;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The job platform's plain-Java parts as beans of the service that includes this module. */
@ApplicationScoped
public class JobPlatformBeans {

    @Produces
    @Singleton
    Outbox outbox(ObjectMapper json) {
        return new Outbox(json);
    }

    @Produces
    @Singleton
    JobClaims jobClaims(Outbox outbox, JobsConfig jobs) {
        return new JobClaims(outbox, jobs.leaseSeconds());
    }

    @Produces
    @Singleton
    PendingJobs pendingJobs(Outbox outbox) {
        return new PendingJobs(outbox);
    }

    @Produces
    @Singleton
    GcRuns gcRuns(PendingJobs pending) {
        return new GcRuns(pending);
    }

    @Produces
    @Singleton
    OrphanedJobs orphanedJobs(Outbox outbox) {
        return new OrphanedJobs(outbox);
    }

    @Produces
    @Singleton
    OutboxKafka outboxKafka(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "arca") String service,
            TopicsConfig topics, OutboxConfig outbox) {
        return new OutboxKafka(bootstrapServers, service, topics.topics(), outbox.settings());
    }

    void closeOutboxKafka(@Disposes OutboxKafka kafka) {
        kafka.close();
    }
}
