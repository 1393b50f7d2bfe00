package io.arca.archive.format;

/** The object is shorter than its header says (or shorter than a header). */
public class TruncatedObjectException extends ObjectFormatException {
    public TruncatedObjectException(String message) {
        super(Reason.TRUNCATED, message);
    }

    public TruncatedObjectException(String message, Throwable cause) {
        super(Reason.TRUNCATED, message, cause);
    }
}
