package io.arca.archive.write;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The chunk-plaintext arrays of a pipeline, within a byte budget. A chunk takes an array from the moment it is cut
 * until it is hashed and encoded; a writer waits while the budget is spent.
 *
 * <p>Arrays come in power-of-two size classes (64 KiB and up) and are reused: a fresh ~1 MiB array per chunk is a
 * humongous allocation for G1 on a small heap, and allocating one per chunk set off a concurrent GC cycle every few
 * chunks. A chunk takes a free array of its class or, failing that, of a larger class, so that the arrays drift
 * towards the larger classes and stop being reallocated: dropping free arrays of one class to allocate another
 * (as an earlier version did) still allocated about one array per 5 MiB in a backup of mixed tables. The budget
 * counts every array that exists, in use or free; only when no free array is large enough and the budget is
 * spent are smaller free arrays dropped to make room. Sizing by bytes rather than by max-size buffers keeps
 * several average chunks in flight in the memory of one max-size chunk, until large chunks come along.
 */
final class PlaintextBudget {
    private static final int SMALLEST_CLASS_SHIFT = 16; // 64 KiB
    private static final int CLASSES = 31 - SMALLEST_CLASS_SHIFT + 1;

    private final long budget;
    @SuppressWarnings("unchecked")
    private final ArrayDeque<byte[]>[] free = new ArrayDeque[CLASSES];
    /** Bytes of the arrays that exist, in use or free. */
    private long allocated;

    PlaintextBudget(long bytes) {
        this.budget = bytes;
        for (int i = 0; i < CLASSES; i++) {
            free[i] = new ArrayDeque<>();
        }
    }

    /** An array of at least {@code length} bytes, or null when the budget did not free up within the timeout. */
    synchronized byte[] take(int length, long timeout, TimeUnit unit) throws InterruptedException {
        int size = classSize(length);
        if (size > budget) {
            size = length; // only when the budget is smaller than a size class: no reuse, but no deadlock
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            byte[] reused = takeFree(classOf(size), length);
            if (reused != null) {
                return reused;
            }
            if (allocated + size <= budget || dropFreeArrays(allocated + size - budget)) {
                allocated += size;
                return new byte[size];
            }
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, wait);
        }
    }

    /** A free array of at least {@code length} bytes from class {@code from} or a larger one; else null. */
    private byte[] takeFree(int from, int length) {
        for (int c = from; c < CLASSES; c++) {
            byte[] a = free[c].peekFirst();
            if (a == null) {
                continue;
            }
            if (a.length >= length) {
                return free[c].pollFirst();
            }
            // an exact-size array (budget smaller than a size class) too short for this chunk: it will not fit
            // any chunk of this class any better than a fresh one, so give its bytes back to the budget
            free[c].pollFirst();
            allocated -= a.length;
        }
        return null;
    }

    synchronized void release(byte[] array) {
        free[classOf(array.length)].addFirst(array);
        notifyAll();
    }

    /** Drops free arrays until {@code needed} bytes are gone; false (and nothing dropped) when they cannot be. */
    private boolean dropFreeArrays(long needed) {
        long available = 0;
        for (ArrayDeque<byte[]> q : free) {
            for (byte[] a : q) {
                available += a.length;
            }
        }
        if (available < needed) {
            return false;
        }
        // smallest first: the larger ones serve more chunks (see takeFree)
        for (int i = 0; i < CLASSES && needed > 0; i++) {
            while (needed > 0 && !free[i].isEmpty()) {
                byte[] dropped = free[i].pollFirst();
                allocated -= dropped.length;
                needed -= dropped.length;
            }
        }
        return true;
    }

    private static int classSize(int length) {
        int size = 1 << SMALLEST_CLASS_SHIFT;
        while (size < length && size < (1 << 30)) {
            size <<= 1;
        }
        return Math.max(size, length);
    }

    private static int classOf(int size) {
        int shift = 32 - Integer.numberOfLeadingZeros(Math.max(1, size - 1)); // ceil(log2(size))
        return Math.min(CLASSES - 1, Math.max(0, shift - SMALLEST_CLASS_SHIFT));
    }
}
