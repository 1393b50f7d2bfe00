package io.arca.archive.format;

/** The decoded plaintext does not hash to the object's name (a changed bit in an unencrypted chunk, or a chunk stored under the wrong name). */
public class HashMismatchException extends ObjectFormatException {
    public HashMismatchException(String message) {
        super(Reason.HASH_MISMATCH, message);
    }

    public HashMismatchException(String message, Throwable cause) {
        super(Reason.HASH_MISMATCH, message, cause);
    }
}
