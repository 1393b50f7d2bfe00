package io.arca.archive.format;

/** The object was encrypted under a data key id that the key ring does not have. */
public class KeyUnavailableException extends ObjectFormatException {
    public KeyUnavailableException(String message) {
        super(Reason.KEY_UNAVAILABLE, message);
    }

    public KeyUnavailableException(String message, Throwable cause) {
        super(Reason.KEY_UNAVAILABLE, message, cause);
    }
}
