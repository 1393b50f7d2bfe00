package io.arca.jobs.relay;

import io.arca.common.messages.MessageStreams;
import java.util.List;
import java.util.Optional;

/**
 * The Kafka topic of each logical stream, and how topics are created. One value of {@code partitions} for every
 * file that states it (kafka.sh, docker-compose.yml, the KEDA ScaledObject's maxReplicaCount): a worker beyond the
 * partition count of the job topic would get no partition.
 */
public record Topics(String jobs, String events, String jobsDlq, int partitions, short replicationFactor) {

    /** The default partition count of every topic. */
    public static final int DEFAULT_PARTITIONS = 12;

    /** The topic of a logical stream, empty for a stream Arca does not know. */
    public Optional<String> forStream(String stream) {
        return switch (stream) {
            case MessageStreams.JOBS -> Optional.of(jobs);
            case MessageStreams.EVENTS -> Optional.of(events);
            case MessageStreams.JOBS_DLQ -> Optional.of(jobsDlq);
            default -> Optional.empty();
        };
    }

    public List<String> all() {
        return List.of(jobs, events, jobsDlq);
    }
}
