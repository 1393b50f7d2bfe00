package io.arca.archive.manifest;

/**
 * One segment of a segmented entry (manifest format version 2): a run of the entry's chunks written by its own
 * stream, in parallel with the entry's other segments. {@code size} is its plaintext bytes, {@code sha256} the
 * lower-case hex SHA-256 of exactly those bytes, {@code chunks} how many of the entry's chunks, in order, it owns.
 * The entry's bytes are its segments' bytes in list order.
 */
public record EntrySegment(long size, String sha256, int chunks) {
    public EntrySegment {
        if (size < 0 || chunks < 0) {
            throw new IllegalArgumentException("a segment has a non-negative size and chunk count");
        }
        if (sha256 == null || sha256.length() != 64) {
            throw new IllegalArgumentException("a segment has a 64-digit hex sha256");
        }
    }
}
