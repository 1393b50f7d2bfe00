package io.arca.archive.format;

/**
 * A cheap guess whether a chunk is worth compressing: the byte entropy of three 8 KiB samples (start, middle,
 * end). Random, encrypted and already-compressed data (JPEG, gzip, zstd) sit near 8 bits per byte; text, row data
 * and most binary columns far below. Above {@link #THRESHOLD_BITS} in every sample the writer stores the chunk
 * uncompressed without trying the codec, which for such data costs more CPU than the rest of the pipeline. Samples
 * cost about 1 % of compressing the chunk.
 */
final class IncompressibleProbe {
    static final int SAMPLE = 8192;
    /** An 8 KiB sample of uniformly random bytes measures about 7.98 bits per byte; text measures 4-6. */
    static final double THRESHOLD_BITS = 7.9;

    private IncompressibleProbe() {
    }

    static boolean looksIncompressible(byte[] data, int off, int len) {
        if (len < 8 * SAMPLE) {
            return false;
        }
        return entropy(data, off) > THRESHOLD_BITS
                && entropy(data, off + len / 2 - SAMPLE / 2) > THRESHOLD_BITS
                && entropy(data, off + len - SAMPLE) > THRESHOLD_BITS;
    }

    static double entropy(byte[] data, int from) {
        int[] counts = new int[256];
        for (int i = from; i < from + SAMPLE; i++) {
            counts[data[i] & 0xff]++;
        }
        double bits = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / SAMPLE;
                bits -= p * Math.log(p);
            }
        }
        return bits / Math.log(2);
    }
}
