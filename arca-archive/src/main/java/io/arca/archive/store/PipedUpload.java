package io.arca.archive.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ObjectUpload} over a store's {@link ObjectStore#put(String, InputStream, long) streaming put} of unknown
 * length: the put runs on a virtual thread and reads what the writer wrote through a small queue of 64 KiB buffers,
 * so memory stays at the queue plus what the put itself buffers (S3: one part). Aborting makes the put's stream fail,
 * and a put whose stream fails stores nothing (the MinIO client aborts its multipart upload).
 */
final class PipedUpload extends ObjectUpload {
    private static final int BUFFER = 64 * 1024;
    private static final int QUEUED_BUFFERS = 4;
    private static final long POLL_MILLIS = 100;
    /** How long {@link #close} waits for an aborted put to end (a multipart abort is one request). */
    private static final long ABORT_WAIT_SECONDS = 60;
    private static final byte[] END = new byte[0];

    private final String key;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED_BUFFERS);
    private final CompletableFuture<Void> put = new CompletableFuture<>();
    private volatile boolean aborted;
    private byte[] buffer = new byte[BUFFER];
    private int filled;
    private boolean completed;

    PipedUpload(ObjectStore store, String key) {
        this.key = key;
        Thread.ofVirtual().name("upload-" + key).start(() -> {
            try (InputStream in = new QueueInputStream()) {
                store.put(key, in, -1);
                put.complete(null);
            } catch (Throwable e) {
                put.completeExceptionally(e);
            }
        });
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == buffer.length) {
            send();
        }
        ensureWritable();
        buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureWritable();
        while (len > 0) {
            if (filled == buffer.length) {
                send();
            }
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void complete() {
        try {
            ensureWritable();
            if (filled > 0) {
                send();
            }
            offer(END);
            put.get();
            completed = true;
        } catch (ExecutionException e) {
            throw storeFailure(e.getCause());
        } catch (IOException e) {
            throw storeFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new ObjectStoreException("upload of " + key + " interrupted", false, e);
        }
    }

    @Override
    public void abort() {
        if (!completed) {
            aborted = true;
        }
    }

    @Override
    public void close() {
        if (completed) {
            return;
        }
        abort();
        try {
            put.get(ABORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // expected: the put fails because its stream was aborted
        }
    }

    private void ensureWritable() throws IOException {
        if (completed) {
            throw new IOException("upload of " + key + " is complete");
        }
        if (aborted) {
            throw new IOException("upload of " + key + " was aborted");
        }
    }

    private void send() throws IOException {
        offer(buffer.length == filled ? buffer : Arrays.copyOf(buffer, filled));
        buffer = new byte[BUFFER];
        filled = 0;
    }

    /** Hands a buffer to the put; fails when the put ended early (store error) or the upload was aborted. */
    private void offer(byte[] data) throws IOException {
        try {
            while (!queue.offer(data, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                ensureWritable();
                if (put.isDone()) {
                    throw new IOException("upload of " + key + " stopped by the store", storeCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            aborted = true;
            throw new IOException("upload of " + key + " interrupted", e);
        }
    }

    private Throwable storeCause() {
        try {
            put.getNow(null);
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    private ObjectStoreException storeFailure(Throwable cause) {
        if (cause instanceof ObjectStoreException e) {
            return e;
        }
        return new ObjectStoreException("upload of " + key + " failed: " + cause, false, cause);
    }

    /** The put's side: buffers in the order written; an abort surfaces as a read error. */
    private final class QueueInputStream extends InputStream {
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == current.length) {
                if (ended) {
                    return -1;
                }
                byte[] next = take();
                if (next == END) {
                    ended = true;
                    return -1;
                }
                current = next;
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        private byte[] take() throws IOException {
            try {
                while (true) {
                    if (aborted) {
                        throw new IOException("upload of " + key + " aborted by the writer");
                    }
                    byte[] next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        return next;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("upload of " + key + " interrupted", e);
            }
        }
    }
}
