package io.arca.archive.write;

import io.arca.archive.ArchiveException;
import io.arca.archive.format.ChunkFormat;
import io.arca.archive.format.Compression;
import io.arca.archive.index.ChunkIndex;
import io.arca.archive.index.ChunkIndex.StoredChunk;
import io.arca.archive.key.ChunkNamer;
import io.arca.archive.key.DataKey;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shared by all entries of one backup: name → ask the index → compress → encrypt → upload, on N compression
 * threads and M upload threads. Memory is bounded: a pool of max-chunk-size plaintext buffers (budget / max chunk
 * size, at least 2) that a chunk holds from the moment it is cut until it is hashed and encoded, and M upload
 * slots for encoded chunks, which a compression thread waits for; entries that write faster than the pipeline
 * drains block in {@link #submit}. At most (buffers + N + M) chunks are in memory, whatever the input size.
 */
final class ChunkPipeline {
    /** Outcome of one chunk, for its entry's counters. */
    record ChunkOutcome(ChunkRef ref, boolean uploaded) {
    }

    private final ObjectStore store;
    private final ChunkIndex index;
    private final String tenant;
    private final String backupId;
    private final Compression compression;
    private final DataKey key;
    private final ChunkNamer namer;
    private final ExecutorService compressors;
    private final ExecutorService uploaders;
    private final BufferPool buffers;
    /** Encoded chunks waiting for or in upload; a compression thread blocks for a slot (back pressure). */
    private final Semaphore uploadSlots;
    private final ProgressListener listener;
    private final Object progressLock = new Object();
    /** Chunks this backup already handled or is handling: their stored sizes, once known. */
    private final Map<String, CompletableFuture<Long>> claimed = new ConcurrentHashMap<>();
    /** Chunks queued or in flight, so that closing the writer can fail the entries waiting for them. */
    private final Set<CompletableFuture<ChunkOutcome>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bytesStored = new AtomicLong();
    private final AtomicLong chunksNew = new AtomicLong();
    private final AtomicLong chunksReused = new AtomicLong();

    ChunkPipeline(ObjectStore store, ChunkIndex index, String tenant, String backupId, DataKey keyOrNull,
            WriterOptions options, ProgressListener listener) {
        this.store = store;
        this.index = index;
        this.tenant = tenant;
        this.backupId = backupId;
        this.compression = options.compression();
        this.key = keyOrNull;
        this.namer = ChunkNamer.forKey(keyOrNull);
        this.compressors = Executors.newFixedThreadPool(options.compressionThreads(), threads("arca-chunk"));
        this.uploaders = Executors.newFixedThreadPool(options.uploadsInFlight(), threads("arca-upload"));
        int maxChunk = options.chunking().maxSize();
        this.buffers = new BufferPool((int) Math.max(2, options.memoryBudgetBytes() / maxChunk), maxChunk);
        this.uploadSlots = new Semaphore(options.uploadsInFlight());
        this.listener = listener;
    }

    String namingScheme() {
        return namer.scheme();
    }

    void addBytesRead(long n) {
        bytesRead.addAndGet(n);
    }

    WriteProgress progress() {
        return new WriteProgress(bytesRead.get(), bytesStored.get(), chunksNew.get(), chunksReused.get());
    }

    /** Fails fast when any chunk of the backup failed. */
    void checkHealthy() {
        Throwable t = failure.get();
        if (t != null) {
            throw new ArchiveException("backup " + backupId + " failed: " + t.getMessage(), t);
        }
    }

    /** A hasher for one entry's plaintext, running on the pipeline's threads. */
    EntryHasher newEntryHasher() {
        return new EntryHasher(compressors);
    }

    /**
     * Copies a chunk into a pooled buffer and queues it for the entry hash and for storing; blocks while every
     * buffer is in flight.
     */
    CompletableFuture<ChunkOutcome> submit(byte[] data, int length, EntryHasher hasher) {
        checkHealthy();
        byte[] buffer;
        try {
            // wake up regularly: a failure elsewhere (or close) must not leave this thread waiting forever
            while ((buffer = buffers.take(100, TimeUnit.MILLISECONDS)) == null) {
                checkHealthy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArchiveException("interrupted while waiting for chunk buffer space", e);
        }
        System.arraycopy(data, 0, buffer, 0, length);
        CompletableFuture<ChunkOutcome> result = new CompletableFuture<>();
        pending.add(result);
        result.whenComplete((r, e) -> pending.remove(result));
        byte[] chunk = buffer;
        // the buffer goes back to the pool once both the entry hash and the store step are done with it
        AtomicInteger users = new AtomicInteger(2);
        Runnable release = () -> {
            if (users.decrementAndGet() == 0) {
                buffers.release(chunk);
            }
        };
        try {
            hasher.add(chunk, length, release);
            compressors.execute(() -> process(chunk, length, release, result));
        } catch (RuntimeException e) {
            throw new ArchiveException("backup writer is closed", e);
        }
        return result;
    }

    private void process(byte[] chunk, int length, Runnable release, CompletableFuture<ChunkOutcome> result) {
        boolean released = false;
        CompletableFuture<Long> mine = new CompletableFuture<>();
        try {
            checkHealthy();
            String name = namer.name(chunk, 0, length);
            CompletableFuture<Long> earlier = claimed.putIfAbsent(name, mine);
            if (earlier != null) {
                // the same content earlier in this backup: reuse once that one is stored
                earlier.whenComplete((size, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        reused(result, new ChunkRef(name, length, size));
                    }
                });
                return;
            }
            Long existing = index.reuse(tenant, backupId, List.of(name)).get(name);
            if (existing != null) {
                mine.complete(existing);
                reused(result, new ChunkRef(name, length, existing));
                return;
            }
            byte[] stored = ChunkFormat.encode(name, chunk, length, compression, key);
            release.run(); // the plaintext is no longer needed
            released = true;
            while (!uploadSlots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                checkHealthy();
            }
            try {
                uploaders.execute(() -> upload(name, length, stored, mine, result));
            } catch (RuntimeException e) {
                uploadSlots.release();
                throw e;
            }
        } catch (Throwable t) {
            fail(t);
            mine.completeExceptionally(t); // duplicates of this chunk waiting on it fail too
            result.completeExceptionally(t);
        } finally {
            if (!released) {
                release.run();
            }
        }
    }

    private void upload(String name, int size, byte[] stored, CompletableFuture<Long> mine,
            CompletableFuture<ChunkOutcome> result) {
        try {
            checkHealthy();
            store.put(RepositoryLayout.chunkKey(tenant, name), stored);
            index.recordUploaded(tenant, backupId, List.of(new StoredChunk(name, stored.length)));
            mine.complete((long) stored.length);
            bytesStored.addAndGet(stored.length);
            chunksNew.incrementAndGet();
            result.complete(new ChunkOutcome(new ChunkRef(name, size, stored.length), true));
            reportProgress();
        } catch (Throwable t) {
            fail(t);
            mine.completeExceptionally(t);
            result.completeExceptionally(t);
        } finally {
            uploadSlots.release();
        }
    }

    private void reused(CompletableFuture<ChunkOutcome> result, ChunkRef ref) {
        chunksReused.incrementAndGet();
        result.complete(new ChunkOutcome(ref, false));
        reportProgress();
    }

    /** Snapshot and delivery under one lock: the listener sees a monotonic sequence, the last call the latest. */
    private void reportProgress() {
        synchronized (progressLock) {
            listener.onProgress(progress());
        }
    }

    void fail(Throwable t) {
        failure.compareAndSet(null, t);
    }

    void shutdown() {
        compressors.shutdownNow();
        uploaders.shutdownNow();
        ArchiveException closed = new ArchiveException("backup writer for " + backupId + " was closed");
        for (CompletableFuture<ChunkOutcome> f : List.copyOf(pending)) {
            f.completeExceptionally(closed);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
