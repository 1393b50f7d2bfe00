package io.arca.jobs.relay;

/** An unpublished outbox row as the relay reads it. */
record OutboxRow(long id, String stream, String key, String payload) {
}
