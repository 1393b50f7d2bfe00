package io.arca.worker.intake;

/** A job message that no retry can make processable; its message is the dead-letter reason. */
public class UnprocessableMessageException extends Exception {
    public UnprocessableMessageException(String reason) {
        super(reason);
    }
}
