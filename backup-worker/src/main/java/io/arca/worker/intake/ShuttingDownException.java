package io.arca.worker.intake;

import io.arca.common.messages.JobMessage;

/**
 * The worker stopped before a record's outcome was written. Thrown out of the consumer on purpose: the channel's
 * {@code fail} strategy leaves the record's offset uncommitted, so the worker that takes over the partition reads
 * the record again; a valid job is neither lost, nor dead-lettered, nor published twice.
 */
public class ShuttingDownException extends RuntimeException {
    public ShuttingDownException(String during, JobMessage message) {
        super("shutting down during " + during + (message == null ? ""
                : ": " + message.kind() + " " + message.jobId() + " stays on the jobs topic"));
    }
}
