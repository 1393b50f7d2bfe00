package io.arca.archive;

import java.util.SplittableRandom;

/** Deterministic test inputs. */
public final class TestData {
    private TestData() {
    }

    public static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < size; ) {
            long v = r.nextLong();
            for (int k = 0; k < 8 && i < size; k++, i++) {
                b[i] = (byte) (v >>> (8 * k));
            }
        }
        return b;
    }

    /** Text-like, compressible rows resembling COPY output. */
    public static byte[] text(long seed, int size) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(size + 128);
        String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"};
        long id = 1;
        while (sb.length() < size) {
            sb.append(id++).append('\t').append(words[r.nextInt(words.length)]).append(' ')
                    .append(words[r.nextInt(words.length)]).append('\t').append(r.nextInt(100000)).append('\t')
                    .append("2026-01-").append(10 + r.nextInt(18)).append(" 12:00:00+00\n");
        }
        byte[] all = sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return java.util.Arrays.copyOf(all, size);
    }
}
