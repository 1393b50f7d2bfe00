package io.arca.worker.intake;

/** A job message that no retry can make processable; its message is the dead-letter reason. */
public class UnprocessableMessageException extends Exception {
    private final DeadLetterReason reason;

    public UnprocessableMessageException(String reason) {
        this(DeadLetterReason.MALFORMED, reason);
    }

    public UnprocessableMessageException(DeadLetterReason kind, String reason) {
        super(reason);
        this.reason = kind;
    }

    /** The bounded reason for the metric. */
    public DeadLetterReason reason() {
        return reason;
    }
}
