package io.arca.worker.restore;

import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.RetryingObjectStore;
import io.arca.archive.store.S3ObjectStore;
import io.arca.storage.StorageConfig;
import io.arca.worker.storage.DelegatingObjectStore;
import io.minio.MinioClient;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The worker's object store (real S3) seen through a probe: every GET of a chunk object is recorded per tenant with
 * its size, and GETs of chosen keys can be held until a test lets them go (to stop a restore mid-way).
 */
final class ProbedStore {
    /** A GET of a chunk object: the chunk's name and its stored size. */
    record ChunkGet(String name, long size) {
    }

    /** Chunk objects fetched, per tenant prefix ({@code tenants/<id>}). */
    static final Map<String, List<ChunkGet>> CHUNK_GETS = new ConcurrentHashMap<>();
    /** GETs of keys it accepts wait for {@link #release} (null: none wait). */
    static volatile Predicate<String> hold;
    static volatile CountDownLatch released = new CountDownLatch(0);
    static volatile CountDownLatch held = new CountDownLatch(1);

    private ProbedStore() {
    }

    /** Holds GETs of {@code keys} from now on; {@link #held} opens once the first one waits. */
    static void holdGets(Set<String> keys) {
        held = new CountDownLatch(1);
        released = new CountDownLatch(1);
        hold = keys::contains;
    }

    static void release() {
        hold = null;
        released.countDown();
    }

    static List<ChunkGet> chunkGets(String tenantId) {
        return CHUNK_GETS.getOrDefault("tenants/" + tenantId, List.of());
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(Producer.class);
        }
    }

    @Alternative
    @ApplicationScoped
    public static class Producer {
        @Produces
        @ApplicationScoped
        ObjectStore store(MinioClient client, StorageConfig config) {
            return new RetryingObjectStore(new DelegatingObjectStore(new S3ObjectStore(client, config.bucket())) {
                @Override
                public byte[] get(String key) {
                    Predicate<String> h = hold;
                    if (h != null && h.test(key)) {
                        held.countDown();
                        try {
                            released.await(5, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    byte[] object = super.get(key);
                    int chunks = key.indexOf("/chunks/");
                    if (chunks > 0) {
                        CHUNK_GETS.computeIfAbsent(key.substring(0, chunks), k -> new CopyOnWriteArrayList<>())
                                .add(new ChunkGet(key.substring(key.lastIndexOf('/') + 1), object.length));
                    }
                    return object;
                }
            }, new RetryingObjectStore.RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
        }
    }
}
