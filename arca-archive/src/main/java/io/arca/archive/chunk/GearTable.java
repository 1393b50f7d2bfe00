package io.arca.archive.chunk;

/**
 * The 256 Gear values: SplitMix64 outputs from seed {@code 0x41524341_47454152L} ("ARCAGEAR"), in order. Part of
 * the archive format (docs/archive-format.md): changing it changes every chunk boundary.
 */
final class GearTable {
    static final long SEED = 0x4152434147454152L;
    static final long[] GEAR = build();

    private GearTable() {
    }

    private static long[] build() {
        long[] table = new long[256];
        long state = SEED;
        for (int i = 0; i < 256; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            table[i] = z ^ (z >>> 31);
        }
        return table;
    }
}
