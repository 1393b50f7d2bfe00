package io.arca.archive.bench;

import io.arca.archive.store.InMemoryObjectStore;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Counts chunk bytes and drops them (keeps everything else, e.g. manifests, in memory): lets the memory benchmark
 * write 2 GiB with a 128 MiB heap, which an in-memory store holding the chunks could not.
 */
final class NullObjectStore implements ObjectStore {
    private final InMemoryObjectStore others = new InMemoryObjectStore();
    final AtomicLong chunkBytes = new AtomicLong();

    @Override
    public void put(String key, byte[] data) {
        if (key.contains("/chunks/")) {
            chunkBytes.addAndGet(data.length);
        } else {
            others.put(key, data);
        }
    }

    @Override
    public void put(String key, InputStream data, long size) {
        others.put(key, data, size);
    }

    @Override
    public byte[] get(String key) {
        return others.get(key);
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        return others.getRange(key, offset, length);
    }

    @Override
    public InputStream openStream(String key) {
        return others.openStream(key);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return others.head(key);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        return others.list(prefix);
    }

    @Override
    public void delete(String key) {
        others.delete(key);
    }
}
