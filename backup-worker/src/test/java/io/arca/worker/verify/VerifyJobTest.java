package io.arca.worker.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import io.arca.pg.verify.SampleDatabase;
import io.arca.storage.TenantKeys;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.TestDatabases;
import io.arca.worker.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Contents rows and verify jobs through the real topic, catalog, source databases and bucket. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class VerifyJobTest {
    static final Duration WAIT = Duration.ofSeconds(120);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;
    @Inject
    TenantKeys keys;

    /** Runs a verification and waits until it ends; returns its state. */
    static String verify(Fixtures f, UUID backup, UUID verification, UUID source) throws Exception {
        f.publish(source.toString(), Fixtures.jobMessage(verification, "verify", f.tenantId, source, 1));
        return f.await("select state from verifications where id = ?", "completed", WAIT, verification);
    }

    Manifest manifest(Fixtures f, UUID backup) throws Exception {
        return ManifestFormat.decode(store.get(f.text("select manifest_key from backups where id = ?", backup)),
                f.tenantId.toString(), backup.toString(), keys.keyRing(f.tenantId));
    }

    static JsonNode json(Fixtures f, String sql, Object... params) throws Exception {
        return JSON.readTree(f.text(sql, params));
    }

    @Test
    void aCompletedBackupsContentsRowsAreItsManifestAndAVerifyOfItIsOk() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(5_000));
        UUID backup = f.completedBackup(source, "{\"encrypt\":true}");
        Manifest manifest = manifest(f, backup);

        List<String> expected = new ArrayList<>();
        int ordinal = 0;
        for (ManifestEntry e : manifest.entries()) {
            expected.add(String.join("|", String.valueOf(ordinal++), e.name(), e.kind(), String.valueOf(e.schema()),
                    String.valueOf(e.table()), String.valueOf(e.rowCount()), String.valueOf(e.size()),
                    String.valueOf(e.storedSize()), String.valueOf(e.chunks().size()), e.sha256()));
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(5);
        assertThat(f.text("select string_agg(concat_ws('|', ordinal, name, kind, coalesce(schema_name, 'null'), "
                + "coalesce(table_name, 'null'), coalesce(row_count::text, 'null'), bytes, stored_bytes, chunk_count, "
                + "sha256), E'\\n' order by ordinal) from backup_entries where backup_id = ? and tenant_id = ?",
                backup, f.tenantId)).isEqualTo(String.join("\n", expected));
        assertThat(f.text("select row_count from backup_entries where backup_id = ? and table_name = 'orders'",
                backup)).isEqualTo("10000");

        UUID verification = f.pendingVerification(backup, false, null);
        assertThat(verify(f, backup, verification, source)).isEqualTo("completed");
        long chunks = manifest.entries().stream().mapToLong(e -> e.chunks().size()).sum();
        assertThat(f.text("select concat_ws('/', result, chunks_checked, chunks_total, bytes_checked, "
                + "jsonb_array_length(problems), phase) from verifications where id = ?", verification))
                .isEqualTo("ok/" + chunks + "/" + chunks + "/" + manifest.totalSize() + "/0/done");
        JsonNode v = json(f, "select verification::text from backups where id = ?", backup);
        assertThat(v.path("state").asText()).isEqualTo("ok");
        assertThat(v.path("deep").asBoolean(true)).isFalse();
        assertThat(v.path("verificationId").asText()).isEqualTo(verification.toString());
        assertThat(v.path("chunksChecked").asLong()).isEqualTo(chunks);
        assertThat(v.path("entriesChecked").asInt()).isEqualTo(manifest.entries().size());
        assertThat(v.path("problems").size()).isZero();
        assertThat(v.has("tables")).isFalse();
        assertThat(f.text("select (not corrupted and verified_at = (verification->>'at')::timestamptz "
                + "and proven_restorable_at is null)::text from backups where id = ?", backup)).isEqualTo("true");
        assertThat(f.text("select string_agg(payload->>'type', ',' order by id) from outbox where stream = 'events' "
                + "and message_key = ? and payload->>'type' <> 'verify.progress'", verification.toString()))
                .isEqualTo("verify.started,verify.completed");
        assertThat(f.text("select payload->'data'->>'state' from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' = 'verify.completed'", verification.toString())).isEqualTo("ok");
    }

    @Test
    void aFlippedByteNamesTheChunkAndEveryEntryUsingItAndAMissingChunkIsMissing() throws Exception {
        Fixtures f = new Fixtures(db);
        String database = f.sourceDatabase(3_000);
        try (Connection c = new TestDatabases(f.env).connect(database); Statement s = c.createStatement()) {
            // two tables with the same rows: their entries are the same bytes, so they share every chunk
            s.execute("create table twin_a (id bigint, note text)");
            s.execute("insert into twin_a select g, repeat(md5(g::text), 20) from generate_series(1, 4000) g");
            s.execute("create table twin_b as table twin_a");
        }
        UUID source = f.source(database);
        UUID backup = f.completedBackup(source, "{\"encrypt\":true}");
        Manifest manifest = manifest(f, backup);
        ManifestEntry twinA = manifest.entries().stream().filter(e -> "twin_a".equals(e.table())).findFirst()
                .orElseThrow();
        ManifestEntry customers = manifest.entries().stream().filter(e -> "customers".equals(e.table()))
                .findFirst().orElseThrow();
        ChunkRef flipped = twinA.chunks().getFirst();
        ChunkRef missing = customers.chunks().getLast();
        String tenant = f.tenantId.toString();
        byte[] bytes = store.get(RepositoryLayout.chunkKey(tenant, flipped.name()));
        bytes[bytes.length / 2] ^= 0x01;
        store.put(RepositoryLayout.chunkKey(tenant, flipped.name()), bytes);
        store.delete(RepositoryLayout.chunkKey(tenant, missing.name()));

        UUID verification = f.pendingVerification(backup, false, null);
        assertThat(verify(f, backup, verification, source)).isEqualTo("completed");
        assertThat(f.text("select result from verifications where id = ?", verification)).isEqualTo("corrupted");
        assertThat(f.text("select corrupted::text from backups where id = ?", backup)).isEqualTo("true");
        // the verdict is the fact's data.state: ingestion turns a not-ok verify.completed into backup.corrupted
        assertThat(f.text("select payload->'data'->>'state' from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' = 'verify.completed'", verification.toString())).isEqualTo("corrupted");
        JsonNode v = json(f, "select verification::text from backups where id = ?", backup);
        assertThat(v.path("state").asText()).isEqualTo("corrupted");
        assertThat(json(f, "select problems::text from verifications where id = ?", verification))
                .isEqualTo(v.path("problems"));
        assertThat(v.path("problems")).hasSize(2);

        JsonNode bad = find(v.path("problems"), flipped.name());
        assertThat(bad.path("reason").asText()).isEqualTo("authentication-failed");
        assertThat(bad.path("chunkIndex").asInt()).isZero();
        List<String> tables = new ArrayList<>();
        bad.path("entries").forEach(e -> tables.add(e.path("schema").asText() + "." + e.path("table").asText()));
        assertThat(tables).containsExactlyInAnyOrder("public.twin_a", "public.twin_b");
        assertThat(bad.path("entries").get(0).path("name").asText()).startsWith("data/");

        JsonNode gone = find(v.path("problems"), missing.name());
        assertThat(gone.path("reason").asText()).isEqualTo("missing");
        assertThat(gone.path("chunkIndex").asInt()).isEqualTo(customers.chunks().size() - 1);
        assertThat(gone.path("entries")).hasSize(1);
        assertThat(gone.path("entries").get(0).path("table").asText()).isEqualTo("customers");
    }

    /** The scratch database of a verification's first attempt. */
    static String scratchName(UUID verification) {
        return "arca_verify_" + verification.toString().replace("-", "").substring(0, 12) + "_1";
    }

    @Test
    void aBackupWhoseManifestIsGoneIsCorruptedWithAMissingManifest() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(100));
        UUID backup = f.completedBackup(source, "{}");
        store.delete(f.text("select manifest_key from backups where id = ?", backup));

        UUID verification = f.pendingVerification(backup, false, null);
        assertThat(verify(f, backup, verification, source)).isEqualTo("completed");
        JsonNode v = json(f, "select verification::text from backups where id = ?", backup);
        assertThat(v.path("state").asText()).isEqualTo("corrupted");
        assertThat(v.path("problems")).singleElement().satisfies(p -> {
            assertThat(p.path("reason").asText()).isEqualTo("missing");
            assertThat(p.path("detail").asText()).startsWith("manifest: ");
            assertThat(p.path("entries")).isEmpty();
        });
        assertThat(f.text("select corrupted::text from backups where id = ?", backup)).isEqualTo("true");
    }

    private static JsonNode find(JsonNode problems, String chunk) {
        for (JsonNode p : problems) {
            if (chunk.equals(p.path("chunk").asText())) {
                return p;
            }
        }
        throw new AssertionError("no problem names chunk " + chunk + ": " + problems);
    }

    @Test
    void aDeepVerifyOfTheSampleDatabaseProvesItRestorableAndDropsTheScratchDatabase() throws Exception {
        Fixtures f = new Fixtures(db);
        TestDatabases dbs = new TestDatabases(f.env);
        String database = dbs.createFresh("worker_sample");
        try (Connection c = dbs.connect(database)) {
            SampleDatabase.load(c);
        }
        UUID source = f.source(database);
        UUID backup = f.completedBackup(source, "{}");
        UUID verification = f.pendingVerification(backup, true, source);
        assertThat(verify(f, backup, verification, source)).isEqualTo("completed");

        JsonNode v = json(f, "select verification::text from backups where id = ?", backup);
        assertThat(v.path("state").asText()).isEqualTo("ok");
        assertThat(v.path("deep").asBoolean()).isTrue();
        assertThat(v.path("restorable").asBoolean()).isTrue();
        assertThat(v.path("problems")).isEmpty();
        assertThat(v.path("tables").size()).isGreaterThan(5);
        for (JsonNode t : v.path("tables")) {
            assertThat(t.path("checksumMatch").asBoolean()).as(t.toString()).isTrue();
            assertThat(t.path("restoredRows").asLong()).as(t.toString()).isEqualTo(t.path("rows").asLong());
        }
        assertThat(f.text("select tables_done || '/' || tables_total from verifications where id = ?", verification))
                .isEqualTo(v.path("tables").size() + "/" + v.path("tables").size());
        assertThat(f.text("select (proven_restorable_at = verified_at and not corrupted)::text from backups "
                + "where id = ?", backup)).isEqualTo("true");
        assertThat(f.text("select (s.last_proven_restorable_at = b.proven_restorable_at)::text from sources s "
                + "join backups b on b.source_id = s.id where b.id = ?", backup)).isEqualTo("true");
        assertThat(f.text("select count(*)::text from pg_database where datname = ?", scratchName(verification)))
                .isEqualTo("0");
    }
}
