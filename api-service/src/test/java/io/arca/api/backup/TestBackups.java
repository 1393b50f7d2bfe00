package io.arca.api.backup;

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
import io.arca.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Backups in the states the worker leaves them, for tests of the API alone: requested through the API, then moved
 * to {@code completed} (and given contents or a verification result) in the catalog, or written for real into the
 * bucket with the engines the worker uses (PgDumper into ArchiveWriter).
 */
public final class TestBackups {
    private TestBackups() {
    }

    /** A backup requested through the API (pending), its id. */
    public static String request(ApiTest.TenantKeys tenant, String sourceId) {
        return ApiTest.as(tenant.operator()).body(ApiTest.backupRequest(sourceId)).post("/api/v1/backups")
                .then().statusCode(202).extract().path("id");
    }

    public static void setState(String backupId, String state) throws Exception {
        update(backupId, "update backups set state = ? where id = ?", state);
    }

    /** A backup as the worker completes it, with catalog rows for its contents (entries of the given tables). */
    public static void completeWithEntries(String backupId, UUID tenantId, String... schemaDotTables)
            throws Exception {
        setState(backupId, "completed");
        try (Connection c = ApiTest.catalog(); PreparedStatement ps = c.prepareStatement("insert into backup_entries "
                + "(backup_id, tenant_id, ordinal, name, kind, schema_name, table_name, row_count, bytes, "
                + "stored_bytes, chunk_count, sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int ordinal = 0;
            add(ps, backupId, tenantId, ordinal++, "pre-data", "pre-data", null, null, null, 2048);
            for (String t : schemaDotTables) {
                String[] parts = t.split("\\.", 2);
                add(ps, backupId, tenantId, ordinal, "data/" + (16384 + ordinal), "table-data", parts[0], parts[1],
                        10L * ordinal, 1000L * ordinal);
                ordinal++;
            }
            add(ps, backupId, tenantId, ordinal++, "post-data", "post-data", null, null, null, 512);
            add(ps, backupId, tenantId, ordinal, DumpPlan.ENTRY_NAME, DumpPlan.ENTRY_KIND, null, null, null, 300);
            ps.executeBatch();
        }
    }

    private static void add(PreparedStatement ps, String backupId, UUID tenantId, int ordinal, String name,
            String kind, String schema, String table, Long rows, long bytes) throws Exception {
        ps.setObject(1, UUID.fromString(backupId));
        ps.setObject(2, tenantId);
        ps.setInt(3, ordinal);
        ps.setString(4, name);
        ps.setString(5, kind);
        ps.setString(6, schema);
        ps.setString(7, table);
        ps.setObject(8, rows);
        ps.setLong(9, bytes);
        ps.setLong(10, bytes / 2);
        ps.setInt(11, 1);
        ps.setString(12, "0".repeat(64));
        ps.addBatch();
    }

    /** What a verification of the worker writes on the backup. */
    public static void setVerification(String backupId, String verificationJson, boolean corrupted,
            Instant provenRestorableAt) throws Exception {
        try (Connection c = ApiTest.catalog(); PreparedStatement ps = c.prepareStatement("update backups set "
                + "verification = cast(? as jsonb), verified_at = now(), corrupted = ?, proven_restorable_at = ? "
                + "where id = ?")) {
            ps.setString(1, verificationJson);
            ps.setBoolean(2, corrupted);
            ps.setObject(3, provenRestorableAt == null ? null : java.sql.Timestamp.from(provenRestorableAt));
            ps.setObject(4, UUID.fromString(backupId));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    /** A small database with two tables in two schemas (rows: 120 orders, 7 items); its name. */
    public static String smallDatabase() throws Exception {
        TestDatabases databases = new TestDatabases(InfraEnv.require());
        String name = databases.createFresh("contents");
        try (Connection c = databases.connect(name); Statement s = c.createStatement()) {
            s.execute("create table public.orders (id int primary key, note text)");
            s.execute("insert into public.orders select i, 'order ' || i from generate_series(1, 120) i");
            s.execute("create schema sales");
            s.execute("create table sales.items (id int primary key, price numeric(10,2))");
            s.execute("insert into sales.items select i, i * 1.5 from generate_series(1, 7) i");
        }
        return name;
    }

    /**
     * Dumps {@code database} into the bucket as backup {@code backupId} of the tenant (encrypted with the tenant's
     * key, as the worker does) and marks the catalog row completed with the manifest's key and digest, without
     * catalog rows for its contents: a backup completed before those existed.
     */
    public static Manifest writeToBucket(ObjectStore store, TenantKeys keys, UUID tenantId, String backupId,
            String database) throws Exception {
        InfraEnv env = InfraEnv.require();
        PgConnectionSpec spec = new PgConnectionSpec(env.pgHost(), env.pgPort(), database, env.pgUser(),
                env.pgPassword(), "disable");
        String tenant = tenantId.toString();
        TenantKeys.ActiveKey key = keys.activeKey(tenantId);
        Manifest manifest;
        try (ArchiveWriter writer = ArchiveWriter.builder(store, tenant, backupId).index(new InMemoryChunkIndex())
                .encryption(key.key(), key.wrapped()).open()) {
            DumpResult dump = new PgDumper().dump(spec, DumpOptions.full(), new WriterSink(writer));
            writer.writeEntry(EntrySpec.of(DumpPlan.ENTRY_NAME, DumpPlan.ENTRY_KIND),
                    new ByteArrayInputStream(dump.plan().encode()));
            manifest = writer.finish();
        }
        String manifestKey = RepositoryLayout.manifestKey(tenant, backupId);
        String sha = ManifestFormat.sha256(store.get(manifestKey));
        try (Connection c = ApiTest.catalog(); PreparedStatement ps = c.prepareStatement("update backups set "
                + "state = 'completed', manifest_key = ?, manifest_sha256 = ? where id = ?")) {
            ps.setString(1, manifestKey);
            ps.setString(2, sha);
            ps.setObject(3, UUID.fromString(backupId));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        return manifest;
    }

    private static void update(String backupId, String sql, String value) throws Exception {
        try (Connection c = ApiTest.catalog(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.setObject(2, UUID.fromString(backupId));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    /** The worker's sink, reduced to what a test needs: each dump entry into one archive entry with its rows. */
    private static final class WriterSink implements EntrySink {
        private final ArchiveWriter writer;
        private final Map<String, EntryOutputStream> open = new ConcurrentHashMap<>();

        WriterSink(ArchiveWriter writer) {
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
                    // finished in entryCompleted, once the row count is known
                }
            };
        }

        @Override
        public void entryCompleted(DumpEntry entry, long rowCount) {
            EntryOutputStream out = open.remove(entry.name());
            if (entry.kind() == EntryKind.TABLE_DATA) {
                out.setRowCount(rowCount);
            }
            out.finish();
        }
    }
}
