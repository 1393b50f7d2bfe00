package io.arca.worker.storage;

import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.ObjectUpload;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;

/** Base for test stores that intercept some operations of a real store. */
public class DelegatingObjectStore implements ObjectStore {
    private final ObjectStore delegate;

    public DelegatingObjectStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void put(String key, byte[] data) {
        delegate.put(key, data);
    }

    @Override
    public void put(String key, InputStream data, long size) {
        delegate.put(key, data, size);
    }

    @Override
    public ObjectUpload openUpload(String key) {
        return delegate.openUpload(key);
    }

    @Override
    public byte[] get(String key) {
        return delegate.get(key);
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        return delegate.getRange(key, offset, length);
    }

    @Override
    public InputStream openStream(String key) {
        return delegate.openStream(key);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return delegate.head(key);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }
}
