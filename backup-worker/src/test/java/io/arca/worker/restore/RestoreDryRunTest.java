package io.arca.worker.restore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Dry runs ({@code restores.dry_run}): the job reads the manifest and plan, inspects the target and the bucket, changes
 * nothing, and completes with {@code restores.preview}.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class RestoreDryRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;

    private Manifest manifest(Fixtures f, UUID backup) throws Exception {
        return ManifestFormat.decode(store.get(f.text("select manifest_key from backups where id = ?", backup)),
                f.tenantId.toString(), backup.toString(), KeyRing.none());
    }

    /** Entries a full restore reads: all but the dump plan (read before anything else). */
    private static List<ManifestEntry> restored(Manifest m) {
        return m.entries().stream().filter(e -> !"dump-plan".equals(e.name())).toList();
    }

    @Test
    void aDryRunIntoAnExistingDatabaseCompletesWithPreviewAndBucketFactsAndChangesNothing() throws Exception {
        Fixtures f = new Fixtures(db);
        RestoreRows restores = new RestoreRows(f);
        UUID source = f.source(f.sourceDatabase(5_000));
        UUID backup = f.completedBackup(source, "{}");
        // the target holds a table of the same name as the backup's and one of its own
        String target = f.sourceDatabase(50);
        try (Connection c = new TestDatabases(f.env).connect(target); Statement s = c.createStatement()) {
            s.execute("create table keep_me (id int primary key, v text)");
            s.execute("insert into keep_me select g, md5(g::text) from generate_series(1, 100) g");
            s.execute("analyze");
        }
        DatabaseFingerprint before = TableChecksums.capture(f.spec(target));
        String schemaBefore = restores.schemaDump(target);
        try {
            UUID dryRun = restores.pending(backup, source, target, "{}", true);
            assertThat(restores.run(dryRun, 1)).as(f.text("select error from restores where id = ?", dryRun))
                    .isEqualTo("completed");

            assertThat(TableChecksums.capture(f.spec(target)).differencesFrom(before)).as("rows unchanged").isEmpty();
            assertThat(restores.schemaDump(target)).as("definitions unchanged").isEqualTo(schemaBefore);
            JsonNode preview = JSON.readTree(f.text("select preview::text from restores where id = ?", dryRun));
            assertThat(preview.path("databaseExists").asBoolean()).isTrue();
            assertThat(preview.path("conflicts").path("existingTables").toString())
                    .contains("\"customers\"", "\"orders\"").doesNotContain("keep_me");

            Manifest m = manifest(f, backup);
            Set<String> chunks = new HashSet<>();
            long stored = 0;
            for (ManifestEntry e : restored(m)) {
                stored += e.storedSize();
                e.chunks().forEach(c -> chunks.add(c.name()));
            }
            JsonNode bucket = preview.path("bucket");
            assertThat(bucket.path("bytesToFetch").asLong()).isEqualTo(stored);
            assertThat(bucket.path("chunksToRead").asInt()).isEqualTo(chunks.size());
            assertThat(bucket.path("chunksMissing").asInt()).isZero();
            assertThat(bucket.path("allChunksPresent").asBoolean()).isTrue();
            JsonNode estimate = preview.path("estimate");
            assertThat(estimate.path("durationMs").asLong()).isPositive();
            assertThat(estimate.path("basis").asText()).matches(".*(this deployment's last|the default).*");
            assertThat(f.text("select concat_ws('/', phase, tables_total, tables_done, (result is null)::text) "
                    + "from restores where id = ?", dryRun)).isEqualTo("done/2/0/true");
        } finally {
            new TestDatabases(f.env).drop(target);
        }
    }

    @Test
    void aDryRunIntoANewDatabaseDoesNotCreateIt() throws Exception {
        Fixtures f = new Fixtures(db);
        RestoreRows restores = new RestoreRows(f);
        UUID source = f.source(f.sourceDatabase(100));
        UUID backup = f.completedBackup(source, "{}");
        String target = "never_created_" + UUID.randomUUID().toString().substring(0, 8);

        UUID dryRun = restores.pending(backup, source, target, "{}", true);
        assertThat(restores.run(dryRun, 1)).isEqualTo("completed");
        assertThat(f.text("select preview->>'databaseExists' from restores where id = ?", dryRun)).isEqualTo("false");
        assertThat(f.text("select count(*)::text from pg_database where datname = ?", target)).isEqualTo("0");

        // the real restore then does what the preview said: the same tables and rows
        UUID restore = restores.pending(backup, source, target, "{}", false);
        try {
            assertThat(restores.run(restore, 1)).isEqualTo("completed");
            assertThat(f.text("select preview->>'rowsToLoad' from restores where id = ?", dryRun))
                    .isEqualTo(f.text("select result->>'rows' from restores where id = ?", restore)).isEqualTo("300");
            assertThat(f.text("select string_agg(t->>'schema' || '.' || (t->>'table') || ':' || (t->>'rows'), ',' "
                    + "order by t->>'table') from restores, jsonb_array_elements(preview->'tables') t where id = ?",
                    dryRun)).isEqualTo(f.text("select string_agg(key || ':' || (value->>'rows'), ',' order by key) "
                    + "from restores, jsonb_each(result->'tables') where id = ?", restore));
        } finally {
            new TestDatabases(f.env).drop(target);
        }
    }

    @Test
    void aChunkMissingFromTheBucketMakesAllChunksPresentFalseAndIsCounted() throws Exception {
        Fixtures f = new Fixtures(db);
        RestoreRows restores = new RestoreRows(f);
        UUID source = f.source(f.sourceDatabase(2_000));
        UUID backup = f.completedBackup(source, "{}");
        ManifestEntry orders = manifest(f, backup).entries().stream().filter(e -> "orders".equals(e.table()))
                .findFirst().orElseThrow();
        ChunkRef lost = orders.chunks().get(0);
        store.delete(RepositoryLayout.chunkKey(f.tenantId.toString(), lost.name()));
        String target = "never_created_" + UUID.randomUUID().toString().substring(0, 8);

        UUID dryRun = restores.pending(backup, source, target, "{}", true);
        assertThat(restores.run(dryRun, 1)).isEqualTo("completed");
        JsonNode bucket = JSON.readTree(f.text("select preview->'bucket' from restores where id = ?", dryRun));
        assertThat(bucket.path("allChunksPresent").asBoolean()).isFalse();
        assertThat(bucket.path("chunksMissing").asInt()).isEqualTo(1);
        assertThat(bucket.path("problem").asText()).startsWith("1 of the " + bucket.path("chunksToRead").asInt()
                + " chunks the restore would read are missing");
        assertThat(bucket.path("missingChunks").get(0).asText()).isEqualTo(lost.name());
    }

    /**
     * Three completed restores of the tenant at 10, 20 and 40 MB/s (a dry run and a failed one do not count): the
     * estimate is the bytes to load at the median, 20 MB/s.
     */
    @Test
    void theEstimateIsTheBytesToLoadAtTheMedianThroughputOfTheTenantsRestores() throws Exception {
        Fixtures f = new Fixtures(db);
        RestoreRows restores = new RestoreRows(f);
        UUID source = f.source(f.sourceDatabase(1_000));
        UUID backup = f.completedBackup(source, "{}");
        Instant end = Instant.now();
        measured(f, backup, source, 10_000_000L, "completed", false, end);
        measured(f, backup, source, 20_000_000L, "completed", false, end.minusSeconds(60));
        measured(f, backup, source, 40_000_000L, "completed", false, end.minusSeconds(120));
        measured(f, backup, source, 1L, "completed", true, end.minusSeconds(180));
        measured(f, backup, source, 1L, "failed", false, end.minusSeconds(240));

        UUID dryRun = restores.pending(backup, source, "not_created", "{}", true);
        assertThat(restores.run(dryRun, 1)).isEqualTo("completed");
        long bytesToLoad = restored(manifest(f, backup)).stream().mapToLong(ManifestEntry::size).sum();
        JsonNode estimate = JSON.readTree(f.text("select preview->'estimate' from restores where id = ?", dryRun));
        assertThat(estimate.path("bytesPerSecond").asLong()).isEqualTo(20_000_000L);
        assertThat(estimate.path("durationMs").asLong()).isEqualTo(Math.round(bytesToLoad * 1000.0 / 20_000_000L));
        assertThat(estimate.path("basis").asText()).isEqualTo(bytesToLoad + " bytes to load at 20.0 MB/s, the "
                + "median throughput (bytes restored / wall time) of this tenant's last 3 completed restores");
    }

    /** A finished restore row that loaded {@code bytesPerSecond} for 10 seconds, ending at {@code end}. */
    private static void measured(Fixtures f, UUID backup, UUID source, long bytesPerSecond, String state,
            boolean dryRun, Instant end) throws Exception {
        UUID id = f.pendingRestore(backup, source, "measured");
        f.exec("update restores set state = ?, dry_run = ?, bytes_restored = ?, started_at = ?, finished_at = ? "
                + "where id = ?", state, dryRun, bytesPerSecond * 10, Timestamp.from(end.minusSeconds(10)),
                Timestamp.from(end), id);
    }
}
