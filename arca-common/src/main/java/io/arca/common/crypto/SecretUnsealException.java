package io.arca.common.crypto;

/** A sealed secret could not be opened; the message says why and never contains key material. */
public class SecretUnsealException extends RuntimeException {
    public SecretUnsealException(String message) {
        super(message);
    }
}
