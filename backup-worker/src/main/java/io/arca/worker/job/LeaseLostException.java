package io.arca.worker.job;

/** Thrown inside a job when its lease was lost: the job stops and writes nothing. */
public class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message);
    }
}
