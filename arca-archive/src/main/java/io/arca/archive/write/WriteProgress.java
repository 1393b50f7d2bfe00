package io.arca.archive.write;

/**
 * Cumulative progress of one backup: plaintext bytes read from its entries, bytes uploaded (encoded size of the
 * new chunks), chunks uploaded, chunks reused (already stored for the tenant, or earlier in this backup).
 */
public record WriteProgress(long bytesRead, long bytesStored, long chunksNew, long chunksReused) {
    public static final WriteProgress ZERO = new WriteProgress(0, 0, 0, 0);
}
