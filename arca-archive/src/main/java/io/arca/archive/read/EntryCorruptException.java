package io.arca.archive.read;

import io.arca.archive.ArchiveException;

/** An entry's chunks all decode, but together they do not match the entry's size or SHA-256. */
public class EntryCorruptException extends ArchiveException {
    public EntryCorruptException(String message) {
        super(message);
    }
}
