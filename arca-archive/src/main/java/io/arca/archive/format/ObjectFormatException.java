package io.arca.archive.format;

import io.arca.archive.ArchiveException;

/**
 * A stored object (chunk or manifest) could not be decoded. Subclasses name the precise case; {@link #reason()}
 * gives the same as a value for reports.
 */
public abstract class ObjectFormatException extends ArchiveException {
    /** Why an object was refused. */
    public enum Reason {
        /** Not an Arca object, or a format version, codec or cipher id this build does not know. */
        UNSUPPORTED_FORMAT,
        /** Shorter than its header says. */
        TRUNCATED,
        /** The AES-GCM tag does not verify: wrong key, or the object was altered. */
        AUTHENTICATION_FAILED,
        /** The payload decodes but its plaintext does not hash to the object's name. */
        HASH_MISMATCH,
        /** The payload does not decompress, or has a different length than its header says. */
        CORRUPT,
        /** The object names a data key that is not available. */
        KEY_UNAVAILABLE
    }

    private final Reason reason;

    protected ObjectFormatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    protected ObjectFormatException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
