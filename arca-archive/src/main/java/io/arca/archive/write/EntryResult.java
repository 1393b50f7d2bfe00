package io.arca.archive.write;

import io.arca.archive.manifest.ManifestEntry;

/**
 * A finished entry: its manifest record, how many of its chunks were uploaded or reused, and the bytes this
 * entry uploaded.
 */
public record EntryResult(ManifestEntry entry, int newChunks, int reusedChunks, long bytesStored) {
}
