package io.arca.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.ObjectStoreException;
import io.arca.archive.store.RetryingObjectStore;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.worker.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An object store that keeps answering "service unavailable": the worker retries (the same retry wrapper as in
 * production), then fails the backup with the reason and writes no manifest.
 */
@QuarkusTest
@TestProfile(ObjectStoreDownTest.StoreDown.class)
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class ObjectStoreDownTest {
    static final AtomicInteger CALLS = new AtomicInteger();

    public static class StoreDown implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(UnavailableStoreProducer.class);
        }
    }

    @Alternative
    @ApplicationScoped
    public static class UnavailableStoreProducer {
        @Produces
        @ApplicationScoped
        ObjectStore unavailable() {
            return new RetryingObjectStore(new UnavailableStore(), new RetryingObjectStore.RetryPolicy(3,
                    Duration.ofMillis(20), Duration.ofMillis(100)));
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void backupIsRetriedThenFailsWithObjectStoreUnavailableAndNoManifest() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(100));
        UUID backup = f.pendingBackup(source, "{}");
        f.publish(source.toString(), Fixtures.jobMessage(backup, "backup", f.tenantId, source, 1));

        assertThat(f.await("select state from backups where id = ?", "failed", Duration.ofSeconds(60), backup))
                .isEqualTo("failed");
        assertThat(f.text("select error from backups where id = ?", backup)).startsWith("object-store-unavailable: ");
        assertThat(f.text("select manifest_key from backups where id = ?", backup)).isNull();
        assertThat(CALLS.get()).as("every store call was retried").isGreaterThanOrEqualTo(3);
    }

    static final class UnavailableStore implements ObjectStore {
        private static ObjectStoreException down() {
            CALLS.incrementAndGet();
            return new ObjectStoreException("S3 request failed: 503 ServiceUnavailable (test)", true, null);
        }

        @Override
        public void put(String key, byte[] data) {
            throw down();
        }

        @Override
        public void put(String key, InputStream data, long size) {
            throw down();
        }

        @Override
        public byte[] get(String key) {
            throw down();
        }

        @Override
        public byte[] getRange(String key, long offset, int length) {
            throw down();
        }

        @Override
        public InputStream openStream(String key) {
            throw down();
        }

        @Override
        public Optional<ObjectInfo> head(String key) {
            throw down();
        }

        @Override
        public Stream<ObjectInfo> list(String prefix) {
            throw down();
        }

        @Override
        public void delete(String key) {
            throw down();
        }
    }
}
