package io.arca.archive;

/** Base of every failure the archive engine reports; messages never contain key material. */
public class ArchiveException extends RuntimeException {
    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
