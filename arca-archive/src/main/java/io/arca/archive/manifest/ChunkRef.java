package io.arca.archive.manifest;

/** One chunk of an entry, in order: its name, plaintext size and stored (encoded) size in bytes. */
public record ChunkRef(String name, long size, long storedSize) {
}
