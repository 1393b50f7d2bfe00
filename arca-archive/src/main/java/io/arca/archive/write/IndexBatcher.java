package io.arca.archive.write;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Turns one-at-a-time chunk-index calls into batches on a thread of its own: callers {@link #add} an item and go
 * on; the thread takes everything queued (up to {@code maxBatch}) and hands it to {@code flush} as one call. While
 * one batch is in flight the next one fills up, so a slow index (a catalog round trip) gets fewer, larger calls
 * instead of holding the compression threads, and a fast one still sees single items without delay.
 *
 * <p>{@code flush} completes the items (they carry their own futures); when it throws, {@code failed} gets the
 * batch and the error. {@link #close} stops the thread; items still queued are failed.
 */
final class IndexBatcher<T> implements AutoCloseable {
    private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final Consumer<List<T>> flush;
    private final BiConsumer<List<T>, Throwable> failed;
    private final Thread thread;
    private volatile boolean closed;

    IndexBatcher(String threadName, int maxBatch, Consumer<List<T>> flush, BiConsumer<List<T>, Throwable> failed) {
        this.maxBatch = maxBatch;
        this.flush = flush;
        this.failed = failed;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void add(T item) {
        if (closed) {
            failed.accept(List.of(item), new IllegalStateException("chunk index batcher is closed"));
            return;
        }
        queue.add(item);
    }

    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                try {
                    flush.accept(batch);
                } catch (Throwable t) {
                    failed.accept(List.copyOf(batch), t);
                }
                batch.clear();
            } catch (InterruptedException e) {
                break;
            }
        }
        List<T> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            failed.accept(rest, new IllegalStateException("chunk index batcher was closed"));
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
