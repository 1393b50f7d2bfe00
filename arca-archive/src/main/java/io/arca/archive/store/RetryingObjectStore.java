package io.arca.archive.store;

import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Retries transient failures ({@link ObjectStoreException#isTransient()}) of another store with exponential
 * backoff and full jitter. Every operation is safe to repeat: puts are whole-object replaces of immutable content.
 * Streaming puts ({@link #put(String, InputStream, long)}), uploads ({@link #openUpload}) and listings are not
 * retried, since a consumed stream cannot be replayed: a failed upload fails its caller (an export job then fails with
 * the store's error, and a new export starts over).
 */
public final class RetryingObjectStore implements ObjectStore {
    private static final Logger LOG = Logger.getLogger(RetryingObjectStore.class);

    /** {@code maxAttempts} includes the first try; the delay doubles from {@code initialDelay} up to {@code maxDelay}. */
    public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5));

        public RetryPolicy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }
    }

    private final ObjectStore delegate;
    private final RetryPolicy policy;

    public RetryingObjectStore(ObjectStore delegate) {
        this(delegate, RetryPolicy.DEFAULT);
    }

    public RetryingObjectStore(ObjectStore delegate, RetryPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    @Override
    public void put(String key, byte[] data) {
        retry("put " + key, () -> {
            delegate.put(key, data);
            return null;
        });
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
        return retry("get " + key, () -> delegate.get(key));
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        return retry("get range " + key, () -> delegate.getRange(key, offset, length));
    }

    @Override
    public InputStream openStream(String key) {
        return retry("open " + key, () -> delegate.openStream(key));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return retry("head " + key, () -> delegate.head(key));
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public void delete(String key) {
        retry("delete " + key, () -> {
            delegate.delete(key);
            return null;
        });
    }

    /** Safe to repeat as a whole: deleting an absent object is not an error. */
    @Override
    public void deleteAll(Collection<String> keys) {
        retry("delete " + keys.size() + " objects", () -> {
            delegate.deleteAll(keys);
            return null;
        });
    }

    private <T> T retry(String what, Supplier<T> op) {
        long delay = policy.initialDelay().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return op.get();
            } catch (ObjectStoreException e) {
                if (!e.isTransient() || attempt >= policy.maxAttempts()) {
                    throw e;
                }
                long sleep = ThreadLocalRandom.current().nextLong(delay + 1);
                LOG.debugf("%s failed (attempt %d of %d), retrying in %d ms: %s", what, attempt,
                        policy.maxAttempts(), sleep, e.getMessage());
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                delay = Math.min(delay * 2, policy.maxDelay().toMillis());
            }
        }
    }
}
