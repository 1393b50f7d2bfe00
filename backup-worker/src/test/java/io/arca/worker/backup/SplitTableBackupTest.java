package io.arca.worker.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.key.KeyRing;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.TestDatabases;
import io.arca.worker.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tables split into block ranges through the real topic, catalog and bucket (split size 128 KiB, so the test's
 * tables of a few MiB have tens of ranges): the manifest holds segmented entries (format version 2), a second backup
 * of the unchanged database stores less than 1% new bytes, the restore (ranges loaded in parallel) equals the source
 * per table, and a table that grew keeps every chunk of its earlier ranges.
 */
@QuarkusTest
@TestProfile(SplitTableBackupTest.SmallSplits.class)
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class SplitTableBackupTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    public static class SmallSplits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arca.worker.split-table-size", "128K");
        }
    }

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;

    @Test
    void splitTablesBackUpDedupAndRestoreEqual() throws Exception {
        Fixtures f = new Fixtures(db);
        String sourceDb = f.sourceDatabase(60_000);
        UUID source = f.source(sourceDb);
        UUID first = backup(f, source);
        Manifest firstManifest = manifest(f, first);
        assertThat(firstManifest.formatVersion()).isEqualTo(Manifest.SEGMENTED_FORMAT_VERSION);
        ManifestEntry customers = table(firstManifest, "customers");
        assertThat(customers.segments()).hasSizeGreaterThan(10);
        assertThat(customers.rowCount()).isEqualTo(60_000L);
        assertThat(table(firstManifest, "orders").segmented()).isTrue();

        UUID second = backup(f, source);
        long logical = Long.parseLong(f.text("select logical_size from backups where id = ?", second));
        long newBytes = Long.parseLong(f.text("select new_bytes from backups where id = ?", second));
        assertThat(newBytes).as("new bytes of an unchanged backup, of %d", logical).isLessThan(logical / 100);

        String target = "restored_" + UUID.randomUUID().toString().substring(0, 8);
        UUID restore = f.pendingRestore(first, source, target);
        f.publish(source.toString(), Fixtures.jobMessage(restore, "restore", f.tenantId, source, 1));
        try {
            assertThat(f.await("select coalesce(error, state) from restores where id = ?", "completed", WAIT, restore))
                    .isEqualTo("completed");
            DatabaseFingerprint original = TableChecksums.capture(f.spec(sourceDb));
            assertThat(TableChecksums.capture(f.spec(target)).differencesFrom(original)).isEmpty();
            assertThat(f.text("select concat_ws('/', result->'tables'->'public.customers'->>'rows', tables_done, "
                    + "tables_total) from restores where id = ?", restore)).isEqualTo("60000/2/2");
        } finally {
            new TestDatabases(f.env).drop(target);
        }

        try (var c = new TestDatabases(f.env).connect(sourceDb); var s = c.createStatement()) {
            s.execute("insert into customers select g, 'customer ' || g, md5(g::text) from generate_series(60001, "
                    + "70000) g");
        }
        UUID third = backup(f, source);
        ManifestEntry grown = table(manifest(f, third), "customers");
        assertThat(grown.segments().size()).isGreaterThan(customers.segments().size());
        Set<String> before = customers.chunks().stream().map(ChunkRef::name).collect(Collectors.toSet());
        int unchangedChunks = customers.segments().subList(0, customers.segments().size() - 1).stream()
                .mapToInt(s -> s.chunks()).sum();
        List<ChunkRef> earlier = grown.chunks().subList(0, unchangedChunks);
        assertThat(earlier).as("the chunks of every range but the last, before the new rows")
                .allMatch(c -> before.contains(c.name()));
    }

    private static UUID backup(Fixtures f, UUID source) throws Exception {
        UUID id = f.pendingBackup(source, "{\"encrypt\":false}");
        f.publish(source.toString(), Fixtures.jobMessage(id, "backup", f.tenantId, source, 1));
        assertThat(f.await("select coalesce(error, state) from backups where id = ?", "completed", WAIT, id))
                .isEqualTo("completed");
        return id;
    }

    private Manifest manifest(Fixtures f, UUID backup) {
        return ManifestFormat.decode(store.get(RepositoryLayout.manifestKey(f.tenantId.toString(), backup.toString())),
                f.tenantId.toString(), backup.toString(), KeyRing.none());
    }

    private static ManifestEntry table(Manifest manifest, String table) {
        return manifest.entries().stream().filter(e -> table.equals(e.table())).findFirst().orElseThrow();
    }
}
