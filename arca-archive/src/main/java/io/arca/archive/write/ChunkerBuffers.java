package io.arca.archive.write;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chunker buffers (one max-chunk-size array per open entry), reused across entries and backups. A 4 MiB array is a
 * humongous allocation for G1 on a worker-sized heap and, once the heap is a little full, each one starts a
 * concurrent GC cycle: a backup of many tables allocated one per table. At most {@link #KEPT} are kept.
 */
final class ChunkerBuffers {
    static final int KEPT = 8;
    private static final ConcurrentLinkedQueue<byte[]> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    private ChunkerBuffers() {
    }

    /** A buffer of exactly {@code size} bytes. */
    static byte[] take(int size) {
        for (byte[] b; (b = POOL.poll()) != null; ) {
            POOLED.decrementAndGet();
            if (b.length == size) {
                return b;
            }
        }
        return new byte[size];
    }

    /** Returns a buffer no chunker uses any more. */
    static void giveBack(byte[] buffer) {
        if (POOLED.incrementAndGet() <= KEPT) {
            POOL.add(buffer);
        } else {
            POOLED.decrementAndGet();
        }
    }
}
