package io.arca.archive.store;

import io.arca.archive.ArchiveException;

/** An object store operation failed. {@link #isTransient()}: worth retrying (network, 5xx, throttling). */
public class ObjectStoreException extends ArchiveException {
    private final boolean transientFailure;

    public ObjectStoreException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
