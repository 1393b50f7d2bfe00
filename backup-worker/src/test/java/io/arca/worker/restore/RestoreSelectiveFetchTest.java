package io.arca.worker.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.key.KeyRing;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.store.ObjectStore;
import io.arca.pg.verify.TableChecksum;
import io.arca.pg.verify.TableChecksums;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.TestDatabases;
import io.arca.worker.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A restore of one table reads that table's chunks and the entries the restore of a selection needs (the dump plan,
 * the schema sections when definitions are restored, the sequence values for the table's owned sequences), never
 * another table's: every GET of a chunk object is recorded by a probe around the real S3 store ({@link ProbedStore}).
 * The backup is mostly one large table the restores leave out.
 */
@QuarkusTest
@TestProfile(ProbedStore.Profile.class)
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class RestoreSelectiveFetchTest {
    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;

    private record Backup(Fixtures f, String sourceDb, UUID source, UUID id, Manifest manifest) {
        ManifestEntry entry(String name) {
            return manifest.entries().stream().filter(e -> name.equals(e.name()) || name.equals(e.table()))
                    .findFirst().orElseThrow();
        }

        Set<String> chunks(String... entries) {
            return java.util.Arrays.stream(entries).flatMap(n -> entry(n).chunks().stream()).map(ChunkRef::name)
                    .collect(Collectors.toSet());
        }

        long stored() {
            return manifest.entries().stream().mapToLong(ManifestEntry::storedSize).sum();
        }
    }

    private Backup backup() throws Exception {
        Fixtures f = new Fixtures(db);
        String sourceDb = f.sourceDatabase(1_000);
        try (Connection c = new TestDatabases(f.env).connect(sourceDb); Statement s = c.createStatement()) {
            // the bulk of the backup: random text compresses poorly, so its chunks dominate the stored size
            s.execute("create table events (id bigserial primary key, payload text)");
            s.execute("insert into events (payload) select md5(g::text) || md5((g * 7)::text) || md5(random()::text) "
                    + "from generate_series(1, 150000) g");
        }
        UUID source = f.source(sourceDb);
        UUID backup = f.completedBackup(source, "{}");
        Manifest manifest = ManifestFormat.decode(store.get(f.text("select manifest_key from backups where id = ?",
                backup)), f.tenantId.toString(), backup.toString(), KeyRing.none());
        return new Backup(f, sourceDb, source, backup, manifest);
    }

    /** Restores customers alone into {@code target} and checks what was fetched and counted; returns the GETs. */
    private List<ProbedStore.ChunkGet> restoreCustomers(Backup b, String target, String options, String... mayRead)
            throws Exception {
        Fixtures f = b.f();
        ProbedStore.CHUNK_GETS.remove("tenants/" + f.tenantId);
        UUID restore = new RestoreRows(f).pending(b.id(), b.source(), target, options, false);
        assertThat(new RestoreRows(f).run(restore, 1)).as(f.text("select error from restores where id = ?", restore))
                .isEqualTo("completed");

        List<ProbedStore.ChunkGet> gets = ProbedStore.chunkGets(f.tenantId.toString());
        long fetched = gets.stream().mapToLong(ProbedStore.ChunkGet::size).sum();
        System.out.printf("selective restore %s: %d chunk GETs, %d bytes fetched of %d stored (%.3f%%)%n", options,
                gets.size(), fetched, b.stored(), 100.0 * fetched / b.stored());
        Set<String> customers = b.chunks("customers");
        assertThat(gets.stream().map(ProbedStore.ChunkGet::name).filter(customers::contains))
                .as("each chunk of customers once").hasSize(customers.size()).doesNotHaveDuplicates();
        assertThat(gets).extracting(ProbedStore.ChunkGet::name).allMatch(b.chunks(mayRead)::contains)
                .noneMatch(b.chunks("events", "orders")::contains);
        assertThat(fetched).as("under 2% of the backup").isLessThan(b.stored() / 50);
        long mayLoad = java.util.Arrays.stream(mayRead).mapToLong(n -> b.entry(n).size()).sum();
        assertThat(f.text("select concat_ws('/', tables_done, tables_total) from restores where id = ?", restore))
                .isEqualTo("1/1");
        assertThat(Long.parseLong(f.text("select bytes_restored from restores where id = ?", restore)))
                .isBetween(b.entry("customers").size(), mayLoad);
        TableChecksum backedUp = TableChecksums.capture(f.spec(b.sourceDb())).tables().get("public.customers");
        assertThat(backedUp).isNotNull();
        assertThat(TableChecksums.capture(f.spec(target)).tables().get("public.customers")).isEqualTo(backedUp);
        return gets;
    }

    @Test
    void restoringOneTableIntoANewDatabaseFetchesItsChunksAndTheSchemaEntriesOnly() throws Exception {
        Backup b = backup();
        String target = "restored_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            restoreCustomers(b, target, "{\"tables\": [\"public.customers\"]}", "dump-plan", "pre-data", "post-data",
                    "sequence-values", "customers");
            assertThat(TableChecksums.capture(b.f().spec(target)).tables().keySet())
                    .containsExactly("public.customers");
        } finally {
            new TestDatabases(b.f().env).drop(target);
        }
    }

    @Test
    void aDataOnlyRestoreOfOneTableFetchesItsChunksAndNoSchemaEntry() throws Exception {
        Backup b = backup();
        // the target has the tables; customers' rows there are replaced
        String target = b.f().sourceDatabase(10);
        try {
            restoreCustomers(b, target, "{\"tables\": [\"public.customers\"], \"dataOnly\": true, "
                    + "\"confirmDataLoss\": true}", "dump-plan", "sequence-values", "customers");
        } finally {
            new TestDatabases(b.f().env).drop(target);
        }
    }
}
