package io.arca.archive.chunk;

/** Receives each chunk a {@link Chunker} cuts, in stream order. */
@FunctionalInterface
public interface ChunkSink {
    /**
     * @param buffer holds the chunk in {@code [0, length)}; valid only during the call (the chunker reuses it),
     *     so a sink that keeps the bytes copies them
     */
    void accept(byte[] buffer, int length);
}
