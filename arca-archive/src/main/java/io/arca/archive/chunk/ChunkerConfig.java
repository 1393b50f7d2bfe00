package io.arca.archive.chunk;

/**
 * Content-defined chunking sizes in bytes. The average must be a power of two (FastCDC derives its masks from
 * it); {@code min <= avg <= max}. Changing any of these changes every chunk boundary, so dedup against older
 * backups is lost: the values are recorded in each manifest.
 */
public record ChunkerConfig(int minSize, int avgSize, int maxSize) {
    /** 256 KiB / 1 MiB / 4 MiB (DESIGN §4). */
    public static final ChunkerConfig DEFAULT = new ChunkerConfig(256 << 10, 1 << 20, 4 << 20);

    public ChunkerConfig {
        if (minSize < 64 || avgSize < minSize || maxSize < avgSize) {
            throw new IllegalArgumentException("chunk sizes must satisfy 64 <= min <= avg <= max, got "
                    + minSize + "/" + avgSize + "/" + maxSize);
        }
        if (Integer.bitCount(avgSize) != 1) {
            throw new IllegalArgumentException("average chunk size must be a power of two, got " + avgSize);
        }
        if (maxSize > (1 << 30)) {
            throw new IllegalArgumentException("max chunk size must be at most 1 GiB, got " + maxSize);
        }
    }
}
