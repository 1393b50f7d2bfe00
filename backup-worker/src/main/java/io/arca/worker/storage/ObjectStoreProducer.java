package io.arca.worker.storage;

import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.RetryingObjectStore;
import io.arca.archive.store.S3ObjectStore;
import io.arca.worker.config.StorageConfig;
import io.minio.MinioClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The bucket as an {@link ObjectStore}: the quarkus-minio client wrapped by the archive's S3 store and its retry
 * wrapper (transient failures retried with backoff, then the job fails with "object-store-unavailable"). The bucket
 * is created at start-up when absent; when the store is down at start-up, the first job tries again.
 */
@ApplicationScoped
public class ObjectStoreProducer {
    private static final Logger LOG = Logger.getLogger(ObjectStoreProducer.class);

    private final S3ObjectStore s3;
    private final ObjectStore store;
    private final AtomicBoolean bucketReady = new AtomicBoolean();

    public ObjectStoreProducer(MinioClient client, StorageConfig config) {
        this.s3 = new S3ObjectStore(client, config.bucket());
        this.store = new RetryingObjectStore(s3, new RetryingObjectStore.RetryPolicy(config.retryAttempts(),
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

    /** Creates the bucket once per process when absent. */
    public void ensureBucket() {
        if (!bucketReady.get()) {
            s3.ensureBucket();
            bucketReady.set(true);
        }
    }
}
