package io.arca.archive.read;

import io.arca.archive.format.CorruptPayloadException;

/** A chunk decodes and hashes to its name, but its size differs from the manifest's. */
public class ChunkSizeMismatchException extends CorruptPayloadException {
    public ChunkSizeMismatchException(String message) {
        super(message);
    }
}
