package io.arca.api.download;

import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The bucket as one download reads it: counts the chunk objects it fetches ({@link DownloadMetrics}) and remembers
 * the last few chunk names, so a read error mid-stream can be traced to its chunk without re-reading the backup.
 * Read-only: a download never writes.
 */
final class WatchedStore implements ObjectStore {
    /** More than the reader's read-ahead window (4 + 1) several times over: the failed chunk is among them. */
    static final int REMEMBERED_CHUNKS = 64;
    private static final String CHUNKS = "/chunks/";

    private final ObjectStore store;
    private final DownloadMetrics metrics;
    private final ArrayDeque<String> recent = new ArrayDeque<>();

    WatchedStore(ObjectStore store, DownloadMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** Chunk names fetched most recently, newest last. */
    synchronized List<String> recentChunks() {
        return List.copyOf(recent);
    }

    private void reading(String key) {
        int at = key.indexOf(CHUNKS);
        if (at < 0) {
            return;
        }
        metrics.chunkFetched();
        String name = key.substring(key.lastIndexOf('/') + 1);
        synchronized (this) {
            recent.remove(name);
            recent.addLast(name);
            if (recent.size() > REMEMBERED_CHUNKS) {
                recent.removeFirst();
            }
        }
    }

    @Override
    public byte[] get(String key) {
        reading(key);
        return store.get(key);
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        reading(key);
        return store.getRange(key, offset, length);
    }

    @Override
    public InputStream openStream(String key) {
        reading(key);
        return store.openStream(key);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return store.head(key);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        return store.list(prefix);
    }

    @Override
    public void put(String key, byte[] data) {
        throw new UnsupportedOperationException("downloads do not write to the bucket");
    }

    @Override
    public void put(String key, InputStream data, long size) {
        throw new UnsupportedOperationException("downloads do not write to the bucket");
    }

    @Override
    public void delete(String key) {
        throw new UnsupportedOperationException("downloads do not write to the bucket");
    }
}
