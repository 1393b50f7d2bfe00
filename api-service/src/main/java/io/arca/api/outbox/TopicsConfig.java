package io.arca.api.outbox;

import io.arca.common.messages.MessageStreams;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/** Kafka topic of each logical message stream ({@code arca.topics.*}). */
@ConfigMapping(prefix = "arca.topics")
public interface TopicsConfig {

    /** Topic of job commands (stream "jobs"), keyed by source id. */
    @WithDefault("backup.jobs")
    String jobs();

    /** Topic of job events (stream "events"), keyed by job id. */
    @WithDefault("backup.events")
    String events();

    /** Topic of dead-lettered job messages (stream "jobs-dlq"). */
    @WithName("jobs-dlq")
    @WithDefault("backup.jobs.dlq")
    String jobsDlq();

    /** Partitions of the topics when the relay creates them (the most workers that can share the job topic). */
    @WithDefault("12")
    int partitions();

    /** Replication factor of the topics when the relay creates them. */
    @WithDefault("1")
    short replicationFactor();

    /** The topic of a logical stream, empty for a stream this service does not know. */
    default Optional<String> forStream(String stream) {
        return switch (stream) {
            case MessageStreams.JOBS -> Optional.of(jobs());
            case MessageStreams.EVENTS -> Optional.of(events());
            case MessageStreams.JOBS_DLQ -> Optional.of(jobsDlq());
            default -> Optional.empty();
        };
    }
}
