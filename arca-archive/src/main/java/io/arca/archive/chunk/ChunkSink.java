package io.arca.archive.chunk;

/** Receives each chunk a {@link Chunker} cuts, in stream order. */
@FunctionalInterface
public interface ChunkSink {
    /** @param chunk a fresh array of exactly the chunk's bytes; the sink owns it */
    void accept(byte[] chunk);
}
