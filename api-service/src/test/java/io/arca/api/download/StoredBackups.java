package io.arca.api.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.api.ApiTest;
import io.arca.archive.index.InMemoryChunkIndex;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.write.ArchiveWriter;
import io.arca.archive.write.EntryOutputStream;
import io.arca.archive.write.EntrySpec;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.DumpPlan;
import io.arca.pg.EntryKind;
import io.arca.pg.EntrySink;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.dump.DumpResult;
import io.arca.pg.dump.PgDumper;
import io.arca.storage.TenantKeys;
import io.arca.testing.InfraEnv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real backups in the test bucket, written the way the worker writes them (arca-pg's dumper into the archive
 * writer, encrypted with the tenant's active key from the {@link TenantKeys} bean, the dump plan as last entry),
 * then marked completed in the catalog with the manifest's digest. The backup row itself is requested through the
 * API, so it is a real row of a real source.
 */
final class StoredBackups {
    private final ObjectStore store;
    private final TenantKeys keys;

    StoredBackups(ObjectStore store, TenantKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    /** A source named {@code sourceName} for {@code database}, and a completed full backup of it. */
    Stored backUp(ApiTest.TenantKeys tenant, String sourceName, String database) throws Exception {
        String sourceId = ApiTest.as(tenant.operator()).body(sourceFor(sourceName, database)).post("/api/v1/sources")
                .then().statusCode(201).extract().path("id");
        String backupId = ApiTest.as(tenant.operator()).body(ApiTest.backupRequest(sourceId))
                .post("/api/v1/backups").then().statusCode(202).extract().path("id");
        UUID id = UUID.fromString(backupId);
        Manifest manifest = write(tenant.tenantId(), id, spec(database));
        String key = RepositoryLayout.manifestKey(tenant.tenantId().toString(), backupId);
        String sha = ManifestFormat.sha256(store.get(key));
        try (Connection c = ApiTest.catalog(); PreparedStatement ps = c.prepareStatement(
                "update backups set state = 'completed', phase = 'done', manifest_key = ?, manifest_sha256 = ?, "
                        + "started_at = now(), finished_at = now(), logical_size = ? where id = ?")) {
            ps.setString(1, key);
            ps.setString(2, sha);
            ps.setLong(3, manifest.totalSize());
            ps.setObject(4, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        return new Stored(tenant, UUID.fromString(sourceId), id, manifest);
    }

    record Stored(ApiTest.TenantKeys tenant, UUID sourceId, UUID backupId, Manifest manifest) {
    }

    static PgConnectionSpec spec(String database) {
        InfraEnv env = InfraEnv.require();
        return new PgConnectionSpec(env.pgHost(), env.pgPort(), database, env.pgUser(), env.pgPassword(), "disable");
    }

    private static Map<String, Object> sourceFor(String name, String database) {
        Map<String, Object> body = new java.util.HashMap<>(ApiTest.reachableSource(name));
        body.put("database", database);
        return body;
    }

    private Manifest write(UUID tenantId, UUID backupId, PgConnectionSpec source) throws Exception {
        TenantKeys.ActiveKey key = keys.activeKey(tenantId);
        try (ArchiveWriter writer = ArchiveWriter.builder(store, tenantId.toString(), backupId.toString())
                .index(new InMemoryChunkIndex()).encryption(key.key(), key.wrapped()).open()) {
            DumpResult dump = new PgDumper().dump(source, DumpOptions.full(), new Sink(writer));
            writer.writeEntry(EntrySpec.of(DumpPlan.ENTRY_NAME, DumpPlan.ENTRY_KIND),
                    new ByteArrayInputStream(dump.plan().encode()));
            return writer.finish();
        }
    }

    /** Entries into the writer: the engine closes each stream, then reports its rows; the entry finishes then. */
    private static final class Sink implements EntrySink {
        private final ArchiveWriter writer;
        private final Map<String, EntryOutputStream> open = new ConcurrentHashMap<>();

        Sink(ArchiveWriter writer) {
            this.writer = writer;
        }

        @Override
        public OutputStream openEntry(DumpEntry entry) {
            EntryOutputStream out = writer.openEntry(new EntrySpec(entry.name(), entry.kind().label(),
                    entry.schema(), entry.table(), null));
            open.put(entry.name(), out);
            return new OutputStream() {
                @Override
                public void write(int b) {
                    out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void entryCompleted(DumpEntry entry, long rowCount) throws IOException {
            EntryOutputStream out = open.remove(entry.name());
            if (entry.kind() == EntryKind.TABLE_DATA) {
                out.setRowCount(rowCount);
            }
            out.finish();
        }
    }
}
