package io.arca.jobs.relay;

/**
 * How the relay polls and publishes.
 *
 * @param batchSize          most rows published per transaction
 * @param pollIntervalMillis pause between polls when the outbox was empty
 * @param maxBackoffSeconds  longest pause between attempts while Kafka or the database fails
 * @param sendTimeoutSeconds how long a record may take to be acknowledged by all in-sync replicas
 */
public record RelaySettings(int batchSize, long pollIntervalMillis, long maxBackoffSeconds, int sendTimeoutSeconds) {
}
