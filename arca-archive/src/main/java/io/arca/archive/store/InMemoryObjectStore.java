package io.arca.archive.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * Objects in a map: tests, benchmarks, and tools that stage an archive in memory. {@link #put(String, byte[])}
 * keeps the caller's array (no copy: the writer hands over freshly encoded arrays and never touches them again);
 * {@link #get} returns copies.
 */
public final class InMemoryObjectStore implements ObjectStore {
    private record Stored(byte[] data, Instant lastModified) {
    }

    private final ConcurrentSkipListMap<String, Stored> objects = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, byte[] data) {
        objects.put(requireKey(key), new Stored(data, Instant.now()));
    }

    @Override
    public void put(String key, InputStream data, long size) {
        try {
            put(key, data.readAllBytes());
        } catch (IOException e) {
            throw new ObjectStoreException("reading upload stream for " + key + " failed", false, e);
        }
    }

    @Override
    public byte[] get(String key) {
        return stored(key).data.clone();
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        byte[] data = stored(key).data;
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        int from = (int) Math.min(offset, data.length);
        int to = (int) Math.min((long) from + length, data.length);
        return Arrays.copyOfRange(data, from, to);
    }

    @Override
    public InputStream openStream(String key) {
        return new ByteArrayInputStream(stored(key).data);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        Stored s = objects.get(key);
        return s == null ? Optional.empty() : Optional.of(new ObjectInfo(key, s.data.length, s.lastModified));
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        return objects.tailMap(prefix, true).entrySet().stream()
                .takeWhile(e -> e.getKey().startsWith(prefix))
                .map(e -> new ObjectInfo(e.getKey(), e.getValue().data.length, e.getValue().lastModified));
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    /** Number of objects (tests). */
    public int size() {
        return objects.size();
    }

    private Stored stored(String key) {
        Stored s = objects.get(key);
        if (s == null) {
            throw new ObjectNotFoundException(key);
        }
        return s;
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/")) {
            throw new IllegalArgumentException("object key must be non-empty without a leading slash: " + key);
        }
        return key;
    }

}
