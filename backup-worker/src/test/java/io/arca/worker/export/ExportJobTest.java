package io.arca.worker.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import io.arca.storage.TenantKeys;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.worker.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Export jobs through the real topic, catalog and bucket. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class ExportJobTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;
    @Inject
    TenantKeys keys;

    private static String export(Fixtures f, UUID export, UUID source) throws Exception {
        f.publish(source.toString(), Fixtures.jobMessage(export, "export", f.tenantId, source, 1));
        return f.await("select state from exports where id = ?", "completed", WAIT, export);
    }

    private List<String> objectsOf(Fixtures f, UUID export) {
        try (Stream<ObjectInfo> listed = store.list(RepositoryLayout.exportPrefix(f.tenantId.toString(),
                export.toString()))) {
            return listed.map(ObjectInfo::key).toList();
        }
    }

    @Test
    void anSqlExportIsOneObjectWhoseSizeAndSha256AreTheReportedOnes() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(2_000));
        UUID backup = f.completedBackup(source, "{\"encrypt\":true}");
        UUID export = f.pendingExport(backup, "sql", "gzip", "{}", 3600);
        assertThat(export(f, export, source)).isEqualTo("completed");

        String key = f.text("select object_key from exports where id = ?", export);
        String filename = f.text("select filename from exports where id = ?", export);
        assertThat(filename).matches("src-" + source + "-\\d{8}T\\d{6}Z\\.sql\\.gz");
        assertThat(key).isEqualTo("tenants/" + f.tenantId + "/exports/" + export + "/" + filename);
        assertThat(objectsOf(f, export)).containsExactly(key);
        byte[] stored = store.get(key);
        assertThat(f.text("select size::text from exports where id = ?", export))
                .isEqualTo(String.valueOf(stored.length));
        assertThat(f.text("select bytes_written::text from exports where id = ?", export))
                .isEqualTo(String.valueOf(stored.length));
        assertThat(f.text("select sha256 from exports where id = ?", export))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)));
        String sql;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(sql).contains("CREATE TABLE public.customers").contains("customer 1999");
        assertThat(f.text("select string_agg(payload->>'type', ',' order by id) from outbox where stream = 'events' "
                + "and message_key = ? and payload->>'type' <> 'export.progress'", export.toString()))
                .isEqualTo("export.started,export.completed");
    }

    @Test
    void aCsvExportOfOneTableHoldsThatTableOnly() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(500));
        UUID backup = f.completedBackup(source, "{}");
        UUID export = f.pendingExport(backup, "csv", "gzip", "{\"tables\": [\"public.orders\"]}", 3600);
        assertThat(export(f, export, source)).isEqualTo("completed");

        String key = f.text("select object_key from exports where id = ?", export);
        assertThat(key).endsWith(".zip");
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(store.get(key)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).anyMatch(n -> n.contains("orders") && n.endsWith(".csv"))
                .noneMatch(n -> n.contains("customers") && n.endsWith(".csv"));
    }

    @Test
    void anExpiredExportOrACorruptedBackupWithoutForceFailsBeforeWritingAnything() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(100));
        UUID backup = f.completedBackup(source, "{}");
        UUID expired = f.pendingExport(backup, "sql", "none", "{}", -1);
        assertThat(export(f, expired, source)).isEqualTo("failed");
        assertThat(f.text("select error from exports where id = ?", expired)).startsWith("export-expired: ");
        assertThat(objectsOf(f, expired)).isEmpty();

        f.exec("update backups set corrupted = true where id = ?", backup);
        UUID refused = f.pendingExport(backup, "sql", "none", "{}", 3600);
        assertThat(export(f, refused, source)).isEqualTo("failed");
        assertThat(f.text("select error from exports where id = ?", refused)).startsWith("backup-corrupted: ")
                .contains("force");
        assertThat(objectsOf(f, refused)).isEmpty();
    }

    @Test
    void aChunkMissingMidStreamFailsTheExportAndLeavesNoObject() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(20_000));
        UUID backup = f.completedBackup(source, "{}");
        String manifestKey = f.text("select manifest_key from backups where id = ?", backup);
        ManifestEntry orders = ManifestFormat.decode(store.get(manifestKey), f.tenantId.toString(), backup.toString(),
                keys.keyRing(f.tenantId)).entries().stream().filter(e -> "orders".equals(e.table())).findFirst()
                .orElseThrow();
        store.delete(RepositoryLayout.chunkKey(f.tenantId.toString(), orders.chunks().getLast().name()));

        UUID export = f.pendingExport(backup, "sql", "none", "{}", 3600);
        assertThat(export(f, export, source)).isEqualTo("failed");
        assertThat(f.text("select error from exports where id = ?", export)).startsWith("backup-unreadable: ");
        assertThat(f.text("select (object_key is null and sha256 is null)::text from exports where id = ?", export))
                .isEqualTo("true");
        assertThat(objectsOf(f, export)).isEmpty();
    }
}
