package io.arca.worker.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.key.KeyRing;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.RetryingObjectStore;
import io.arca.archive.store.S3ObjectStore;
import io.arca.pg.verify.TableChecksums;
import io.arca.storage.StorageConfig;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.TestDatabases;
import io.arca.worker.Fixtures;
import io.arca.worker.storage.DelegatingObjectStore;
import io.minio.MinioClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A restore of one table reads that table's chunks (and the schema entries it applies) from the bucket, not the whole
 * backup: every GET of a chunk object is recorded by a store wrapped around the real S3 one.
 */
@QuarkusTest
@TestProfile(RestoreSelectiveFetchTest.CountingGets.class)
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class RestoreSelectiveFetchTest {
    /** Chunk objects fetched, per tenant prefix, with their stored sizes. */
    static final Map<String, List<Long>> CHUNK_GETS = new ConcurrentHashMap<>();

    public static class CountingGets implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(CountingStoreProducer.class);
        }
    }

    @Alternative
    @ApplicationScoped
    public static class CountingStoreProducer {
        @Produces
        @ApplicationScoped
        ObjectStore store(MinioClient client, StorageConfig config) {
            return new RetryingObjectStore(new DelegatingObjectStore(new S3ObjectStore(client, config.bucket())) {
                @Override
                public byte[] get(String key) {
                    byte[] object = super.get(key);
                    int chunks = key.indexOf("/chunks/");
                    if (chunks > 0) {
                        CHUNK_GETS.computeIfAbsent(key.substring(0, chunks), k -> new CopyOnWriteArrayList<>())
                                .add((long) object.length);
                    }
                    return object;
                }
            }, new RetryingObjectStore.RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
        }
    }

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;

    @Test
    void restoringOneTableFetchesOnlyItsChunksAndCountsOnlyItsWork() throws Exception {
        Fixtures f = new Fixtures(db);
        RestoreRows restores = new RestoreRows(f);
        String sourceDb = f.sourceDatabase(1_000);
        try (Connection c = new TestDatabases(f.env).connect(sourceDb); Statement s = c.createStatement()) {
            // the bulk of the backup: random text compresses poorly, so its chunks dominate the stored size
            s.execute("create table events (id bigint primary key, payload text)");
            s.execute("insert into events select g, md5(g::text) || md5((g * 7)::text) || md5(random()::text) "
                    + "from generate_series(1, 150000) g");
        }
        UUID source = f.source(sourceDb);
        UUID backup = f.completedBackup(source, "{}");
        Manifest manifest = ManifestFormat.decode(store.get(f.text("select manifest_key from backups where id = ?",
                backup)), f.tenantId.toString(), backup.toString(), KeyRing.none());
        long backupStored = manifest.entries().stream().mapToLong(ManifestEntry::storedSize).sum();
        ManifestEntry customers = manifest.entries().stream().filter(e -> "customers".equals(e.table()))
                .findFirst().orElseThrow();
        // the job reads the dump plan before anything else, then only what the restore applies
        ManifestEntry plan = manifest.entry("dump-plan").orElseThrow();

        // the target has the tables, empty; only customers' rows are restored into it
        String target = f.sourceDatabase(1);
        try (Connection c = new TestDatabases(f.env).connect(target); Statement s = c.createStatement()) {
            s.execute("truncate orders, customers");
        }
        String tenantPrefix = RepositoryLayout.tenantPrefix(f.tenantId.toString());
        CHUNK_GETS.remove(tenantPrefix.substring(0, tenantPrefix.length() - 1));
        try {
            UUID restore = restores.pending(backup, source, target,
                    "{\"tables\": [\"public.customers\"], \"dataOnly\": true}", false);
            assertThat(restores.run(restore, 1)).as(f.text("select error from restores where id = ?", restore))
                    .isEqualTo("completed");

            List<Long> gets = CHUNK_GETS.getOrDefault(tenantPrefix.substring(0, tenantPrefix.length() - 1),
                    List.of());
            long fetched = gets.stream().mapToLong(Long::longValue).sum();
            System.out.printf("selective restore: %d chunk GETs, %d bytes fetched of %d stored (%.3f%%)%n",
                    gets.size(), fetched, backupStored, 100.0 * fetched / backupStored);
            assertThat(gets).as("one GET per chunk of the dump plan and the customers entry")
                    .hasSize(plan.chunks().size() + customers.chunks().size());
            assertThat(fetched).isEqualTo(plan.storedSize() + customers.storedSize());
            assertThat(fetched).as("under 2% of the backup").isLessThan(backupStored / 50);
            assertThat(f.text("select concat_ws('/', tables_done, tables_total, bytes_restored) from restores "
                    + "where id = ?", restore)).isEqualTo("1/1/" + customers.size());
            var backedUp = TableChecksums.capture(f.spec(sourceDb)).tables().get("public.customers");
            assertThat(backedUp).isNotNull();
            assertThat(TableChecksums.capture(f.spec(target)).tables().get("public.customers")).isEqualTo(backedUp);
        } finally {
            new TestDatabases(f.env).drop(target);
        }
    }
}
