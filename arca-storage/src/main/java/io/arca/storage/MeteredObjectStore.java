package io.arca.storage;

import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectNotFoundException;
import io.arca.archive.store.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Counts the requests a service makes to the object store: {@code arca_objectstore_requests_total{operation,
 * outcome}}. It sits under the retry wrapper, so every attempt counts (a retried get that failed twice is two errors
 * and one ok): the error rate is the store's, not what callers finally saw. A missing object is an answer, not an
 * error ({@code outcome="ok"}). Labels are the operation only, never a key: the keys name chunks and backups.
 */
public final class MeteredObjectStore implements ObjectStore {
    /** Micrometer name of the counter ({@code arca_objectstore_requests_total} in Prometheus). */
    public static final String REQUESTS = "arca.objectstore.requests";

    /** The S3 request kinds, as the {@code operation} label spells them. */
    enum Operation {
        PUT("put"), GET("get"), HEAD("head"), LIST("list"), DELETE("delete");

        final String label;

        Operation(String label) {
            this.label = label;
        }
    }

    private final ObjectStore delegate;
    private final Map<Operation, Counter> ok = new EnumMap<>(Operation.class);
    private final Map<Operation, Counter> error = new EnumMap<>(Operation.class);

    public MeteredObjectStore(ObjectStore delegate, MeterRegistry registry) {
        this.delegate = delegate;
        for (Operation op : Operation.values()) {
            ok.put(op, counter(registry, op, "ok"));
            error.put(op, counter(registry, op, "error"));
        }
    }

    private static Counter counter(MeterRegistry registry, Operation op, String outcome) {
        return Counter.builder(REQUESTS).description("object store requests by operation and outcome")
                .tag("operation", op.label).tag("outcome", outcome).register(registry);
    }

    @Override
    public void put(String key, byte[] data) {
        count(Operation.PUT, () -> {
            delegate.put(key, data);
            return null;
        });
    }

    @Override
    public void put(String key, InputStream data, long size) {
        count(Operation.PUT, () -> {
            delegate.put(key, data, size);
            return null;
        });
    }

    @Override
    public byte[] get(String key) {
        return count(Operation.GET, () -> delegate.get(key));
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        return count(Operation.GET, () -> delegate.getRange(key, offset, length));
    }

    @Override
    public InputStream openStream(String key) {
        return count(Operation.GET, () -> delegate.openStream(key));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return count(Operation.HEAD, () -> delegate.head(key));
    }

    /** Counts the listing when it is opened; its pages are fetched lazily by the delegate. */
    @Override
    public Stream<ObjectInfo> list(String prefix) {
        return count(Operation.LIST, () -> delegate.list(prefix));
    }

    @Override
    public void delete(String key) {
        count(Operation.DELETE, () -> {
            delegate.delete(key);
            return null;
        });
    }

    /** One multi-object delete counts once, as the one request (per 1,000 keys) it is in S3. */
    @Override
    public void deleteAll(Collection<String> keys) {
        count(Operation.DELETE, () -> {
            delegate.deleteAll(keys);
            return null;
        });
    }

    private <T> T count(Operation op, Supplier<T> call) {
        try {
            T result = call.get();
            ok.get(op).increment();
            return result;
        } catch (ObjectNotFoundException e) {
            ok.get(op).increment();
            throw e;
        } catch (RuntimeException e) {
            error.get(op).increment();
            throw e;
        }
    }
}
