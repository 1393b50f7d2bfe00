package io.arca.archive.write;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of max-chunk-size buffers, created on first need and reused: one per chunk in flight, so the
 * count bounds the plaintext held by the pipeline, and reuse avoids allocating a (humongous, for G1) array per
 * chunk.
 */
final class BufferPool {
    private final ArrayBlockingQueue<byte[]> free;
    private final int capacity;
    private final int size;
    private int created;

    BufferPool(int capacity, int size) {
        this.capacity = capacity;
        this.size = size;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    int capacity() {
        return capacity;
    }

    /** A buffer, or null when none came free within the timeout. */
    byte[] take(long timeout, TimeUnit unit) throws InterruptedException {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        synchronized (this) {
            if (created < capacity) {
                created++;
                return new byte[size];
            }
        }
        return free.poll(timeout, unit);
    }

    void release(byte[] buffer) {
        free.offer(buffer);
    }
}
