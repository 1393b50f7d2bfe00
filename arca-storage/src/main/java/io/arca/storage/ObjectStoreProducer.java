package io.arca.storage;

import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.ObjectStoreException;
import io.arca.archive.store.RetryingObjectStore;
import io.arca.archive.store.S3ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.MinioClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The bucket as an {@link ObjectStore}: the quarkus-minio client wrapped by the archive's S3 store, the request
 * counter ({@link MeteredObjectStore}) and the retry wrapper (transient failures retried with backoff, then the job
 * fails with "object-store-unavailable"). The bucket is created at start-up when absent; when the store is down at
 * start-up, the first job tries again.
 */
@ApplicationScoped
public class ObjectStoreProducer {
    private static final Logger LOG = Logger.getLogger(ObjectStoreProducer.class);

    private final S3ObjectStore s3;
    private final ObjectStore store;
    private final StorageConfig config;
    private final AtomicBoolean bucketReady = new AtomicBoolean();

    public ObjectStoreProducer(MinioClient client, StorageConfig config, MeterRegistry metrics) {
        this.config = config;
        this.s3 = new S3ObjectStore(client, config.bucket());
        // counted under the retries: every attempt is a request to the store
        this.store = new RetryingObjectStore(new MeteredObjectStore(s3, metrics),
                new RetryingObjectStore.RetryPolicy(config.retryAttempts(),
                        Duration.ofMillis(config.retryInitialBackoffMillis()), Duration.ofSeconds(10)));
    }

    @Produces
    @ApplicationScoped
    ObjectStore objectStore() {
        return store;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ensureBucket();
        } catch (RuntimeException e) {
            LOG.warnf("bucket %s not ready at start-up (retried by the first job): %s", s3.bucket(), e.getMessage());
        }
    }

    /** Creates the bucket once per process when absent; transient failures are retried like every operation. */
    public void ensureBucket() {
        if (bucketReady.get()) {
            return;
        }
        long delay = config.retryInitialBackoffMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                s3.ensureBucket();
                bucketReady.set(true);
                return;
            } catch (ObjectStoreException e) {
                if (!e.isTransient() || attempt >= config.retryAttempts()) {
                    throw e;
                }
                LOG.debugf("ensure bucket failed (attempt %d), retrying in %d ms: %s", attempt, delay, e.getMessage());
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                delay = Math.min(delay * 2, 10_000);
            }
        }
    }
}
