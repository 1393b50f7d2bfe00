package io.arca.archive.format;

/** The AES-GCM tag does not verify: wrong data key, or a bit of the object was changed. */
public class AuthenticationFailedException extends ObjectFormatException {
    public AuthenticationFailedException(String message) {
        super(Reason.AUTHENTICATION_FAILED, message);
    }

    public AuthenticationFailedException(String message, Throwable cause) {
        super(Reason.AUTHENTICATION_FAILED, message, cause);
    }
}
