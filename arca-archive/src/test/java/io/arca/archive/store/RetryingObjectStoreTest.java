package io.arca.archive.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RetryingObjectStoreTest extends ObjectStoreContract {
    private static final RetryingObjectStore.RetryPolicy FAST =
            new RetryingObjectStore.RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));
    private final InMemoryObjectStore memory = new InMemoryObjectStore();
    private final Flaky flaky = new Flaky(memory);
    private final RetryingObjectStore retrying = new RetryingObjectStore(flaky, FAST);

    @Override
    protected ObjectStore store() {
        flaky.failuresLeft.set(0);
        return retrying;
    }

    @Test
    void retriesTransientFailuresUntilTheyPass() {
        flaky.failuresLeft.set(3);
        retrying.put("k", new byte[] {1});
        flaky.failuresLeft.set(3);
        assertThat(retrying.get("k")).containsExactly(1);
        assertThat(flaky.calls.get()).isEqualTo(8);
    }

    @Test
    void givesUpAfterMaxAttempts() {
        flaky.failuresLeft.set(10);
        assertThatThrownBy(() -> retrying.put("k", new byte[] {1})).isInstanceOf(ObjectStoreException.class)
                .matches(e -> ((ObjectStoreException) e).isTransient());
        assertThat(flaky.calls.get()).isEqualTo(4);
    }

    @Test
    void doesNotRetryPermanentFailures() {
        assertThatThrownBy(() -> retrying.get("absent")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(flaky.calls.get()).isEqualTo(1);
    }

    /** Fails the next {@code failuresLeft} calls with a transient error. */
    static final class Flaky implements ObjectStore {
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        private final ObjectStore delegate;

        Flaky(ObjectStore delegate) {
            this.delegate = delegate;
        }

        private void maybeFail() {
            calls.incrementAndGet();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ObjectStoreException("simulated 503", true, null);
            }
        }

        @Override
        public void put(String key, byte[] data) {
            maybeFail();
            delegate.put(key, data);
        }

        @Override
        public void put(String key, InputStream data, long size) {
            maybeFail();
            delegate.put(key, data, size);
        }

        @Override
        public byte[] get(String key) {
            maybeFail();
            return delegate.get(key);
        }

        @Override
        public byte[] getRange(String key, long offset, int length) {
            maybeFail();
            return delegate.getRange(key, offset, length);
        }

        @Override
        public InputStream openStream(String key) {
            maybeFail();
            return delegate.openStream(key);
        }

        @Override
        public Optional<ObjectInfo> head(String key) {
            maybeFail();
            return delegate.head(key);
        }

        @Override
        public Stream<ObjectInfo> list(String prefix) {
            maybeFail();
            return delegate.list(prefix);
        }

        @Override
        public void delete(String key) {
            maybeFail();
            delegate.delete(key);
        }
    }
}
