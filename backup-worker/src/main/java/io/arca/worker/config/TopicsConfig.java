package io.arca.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Kafka topic names per stream, under {@code arca.topics.} (the channels read them as properties too). */
@ConfigMapping(prefix = "arca.topics")
public interface TopicsConfig {

    /** Topic of the job commands (stream "jobs"). */
    @WithDefault("backup.jobs")
    String jobs();

    /** Topic of job events (stream "events"). */
    @WithDefault("backup.events")
    String events();

    /** Topic of job messages that could not be processed (stream "jobs-dlq"). */
    @WithDefault("backup.jobs.dlq")
    String jobsDlq();
}
