package io.arca.jobs.cdi;

import io.arca.jobs.relay.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The Kafka topic of each logical message stream, under {@code arca.topics.}; the same for every service. */
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

    /**
     * Partitions of the topics when a relay creates them: the most workers that can share the job topic (KEDA's
     * maxReplicaCount, kafka.sh and docker-compose.yml state the same number, {@link Topics#DEFAULT_PARTITIONS}).
     */
    @WithDefault("" + Topics.DEFAULT_PARTITIONS)
    int partitions();

    /** Replication factor of the topics when a relay creates them. */
    @WithDefault("1")
    short replicationFactor();

    default Topics topics() {
        return new Topics(jobs(), events(), jobsDlq(), partitions(), replicationFactor());
    }
}
