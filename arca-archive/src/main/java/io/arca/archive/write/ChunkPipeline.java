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
 * Shared by all entries of one backup: name → ask the index → compress → encrypt → upload → record in the index,
 * on N compression threads and M upload threads, with the records batched on a thread of their own
 * ({@link IndexBatcher}). Naming, the index lookup and compression run back to back on one compression thread.
 * Memory is bounded: a {@link PlaintextBudget} of bytes that a chunk holds from the moment it is cut until it is
 * known to exist or is encoded, and M upload slots for encoded chunks, which a compression thread waits
 * for; entries that write faster than the pipeline drains block in {@link #submit}. At most the budget plus (N + M)
 * encoded chunks are in memory, whatever the input size.
 */
final class ChunkPipeline {
    /** Outcome of one chunk, for its entry's counters. */
    record ChunkOutcome(ChunkRef ref, boolean uploaded) {
    }

    /** Most chunks per {@link ChunkIndex#recordUploaded} call (a catalog statement with array parameters). */
    private static final int INDEX_BATCH = 256;

    private final ObjectStore store;
    private final ChunkIndex index;
    private final String tenant;
    private final String backupId;
    private final Compression compression;
    private final DataKey key;
    private final ChunkNamer namer;
    private final ExecutorService compressors;
    private final ExecutorService uploaders;
    private final PlaintextBudget budget;
    /** Encoded chunks waiting for or in upload; a compression thread blocks for a slot (back pressure). */
    private final Semaphore uploadSlots;
    private final ProgressListener listener;
    /** Index records, batched: one index call per batch of uploaded chunks, not per chunk. */
    private final IndexBatcher<Uploaded> records;
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
        this.budget = new PlaintextBudget(options.memoryBudgetBytes());
        this.uploadSlots = new Semaphore(options.uploadsInFlight());
        this.listener = listener;
        this.records = new IndexBatcher<>("arca-index-record", INDEX_BATCH, this::record, this::failRecords);
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

    /**
     * Copies a chunk out of the chunker's buffer and queues it for storing; blocks while the plaintext budget is
     * spent.
     */
    CompletableFuture<ChunkOutcome> submit(byte[] data, int length) {
        checkHealthy();
        byte[] buffer;
        try {
            // wake up regularly: a failure elsewhere (or close) must not leave this thread waiting forever
            while ((buffer = budget.take(length, 100, TimeUnit.MILLISECONDS)) == null) {
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
        // the bytes go back to the budget once the chunk is known to exist or is encoded
        Runnable release = () -> budget.release(chunk);
        try {
            compressors.execute(() -> process(chunk, length, release, result));
        } catch (RuntimeException e) {
            throw new ArchiveException("backup writer is closed", e);
        }
        return result;
    }

    private void process(byte[] chunk, int length, Runnable release, CompletableFuture<ChunkOutcome> result) {
        String name;
        try {
            checkHealthy();
            name = namer.name(chunk, 0, length);
        } catch (Throwable t) {
            release.run();
            fail(t);
            result.completeExceptionally(t);
            return;
        }
        CompletableFuture<Long> mine = new CompletableFuture<>();
        CompletableFuture<Long> earlier = claimed.putIfAbsent(name, mine);
        if (earlier != null) {
            // the same content earlier in this backup: reuse once that one is stored
            release.run();
            earlier.whenComplete((size, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    reused(result, new ChunkRef(name, length, size));
                }
            });
            return;
        }
        PendingChunk l = new PendingChunk(name, chunk, length, release, mine, result);
        Long existing;
        try {
            existing = index.reuse(tenant, backupId, List.of(name)).get(name);
        } catch (Throwable t) {
            release.run();
            failChunk(l, t);
            return;
        }
        if (existing != null) {
            release.run();
            mine.complete(existing);
            reused(result, new ChunkRef(name, length, existing));
            return;
        }
        store(l);
    }

    /** Compress, encrypt, hand to an upload thread (waiting for an upload slot: back pressure). */
    private void store(PendingChunk l) {
        boolean released = false;
        try {
            checkHealthy();
            byte[] stored = ChunkFormat.encode(l.name(), l.chunk(), l.length(), compression, key);
            l.release().run(); // the plaintext is no longer needed
            released = true;
            while (!uploadSlots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                checkHealthy();
            }
            try {
                uploaders.execute(() -> upload(l, stored));
            } catch (RuntimeException e) {
                uploadSlots.release();
                throw e;
            }
        } catch (Throwable t) {
            failChunk(l, t);
        } finally {
            if (!released) {
                l.release().run();
            }
        }
    }

    private void upload(PendingChunk l, byte[] stored) {
        try {
            checkHealthy();
            store.put(RepositoryLayout.chunkKey(tenant, l.name()), stored);
            records.add(new Uploaded(l, stored.length));
        } catch (Throwable t) {
            failChunk(l, t);
        } finally {
            uploadSlots.release();
        }
    }

    /** On the record thread: one index call for every chunk uploaded meanwhile; then the chunks count as stored. */
    private void record(List<Uploaded> batch) {
        index.recordUploaded(tenant, backupId,
                batch.stream().map(u -> new StoredChunk(u.chunk().name(), u.storedSize())).toList());
        for (Uploaded u : batch) {
            bytesStored.addAndGet(u.storedSize());
            chunksNew.incrementAndGet();
        }
        // progress before the futures: once the writer sees every chunk done, the listener has seen them counted
        reportProgress();
        for (Uploaded u : batch) {
            PendingChunk l = u.chunk();
            l.mine().complete((long) u.storedSize());
            l.result().complete(new ChunkOutcome(new ChunkRef(l.name(), l.length(), u.storedSize()), true));
        }
    }

    private void failRecords(List<Uploaded> batch, Throwable t) {
        for (Uploaded u : batch) {
            failChunk(u.chunk(), t);
        }
    }

    /** Fails the backup, the chunk, and the duplicates of it in this backup that wait on it. */
    private void failChunk(PendingChunk c, Throwable t) {
        fail(t);
        c.mine().completeExceptionally(t);
        c.result().completeExceptionally(t);
    }

    private void reused(CompletableFuture<ChunkOutcome> result, ChunkRef ref) {
        chunksReused.incrementAndGet();
        reportProgress();
        result.complete(new ChunkOutcome(ref, false));
    }

    /**
     * Snapshot and delivery under one lock: the listener sees a monotonic sequence, the last call the latest. Callers
     * report before they complete the chunk's futures, so the last report has been delivered when the writer returns.
     */
    private void reportProgress() {
        synchronized (progressLock) {
            listener.onProgress(progress());
        }
    }

    /** A named chunk on its way to the store: its plaintext (until released) and the futures to complete. */
    private record PendingChunk(String name, byte[] chunk, int length, Runnable release, CompletableFuture<Long> mine,
            CompletableFuture<ChunkOutcome> result) {
    }

    /** An uploaded chunk waiting to be recorded in the index. */
    private record Uploaded(PendingChunk chunk, int storedSize) {
    }

    void fail(Throwable t) {
        failure.compareAndSet(null, t);
    }

    void shutdown() {
        records.close();
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
