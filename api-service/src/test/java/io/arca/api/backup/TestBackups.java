package io.arca.api.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.api.ApiTest;
import io.arca.pg.DumpPlan;
import io.arca.storage.TenantKeys;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/**
 * Backups in the states the worker leaves them, for tests of the API alone: requested through the API, then moved
 * to {@code completed} (and given contents or a verification result) in the catalog. {@link StoredBackups} writes
 * real ones into the bucket.
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

    /**
     * A backup as the worker completes it, with catalog rows for its contents (entries of the given tables) in the
     * writer's order: pre-data and post-data are stored before the tables' rows finish streaming.
     */
    public static void completeWithEntries(String backupId, UUID tenantId, String... schemaDotTables)
            throws Exception {
        setState(backupId, "completed");
        try (Connection c = ApiTest.catalog(); PreparedStatement ps = c.prepareStatement("insert into backup_entries "
                + "(backup_id, tenant_id, ordinal, name, kind, schema_name, table_name, row_count, bytes, "
                + "stored_bytes, chunk_count, sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int ordinal = 0;
            add(ps, backupId, tenantId, ordinal++, "pre-data", "pre-data", null, null, null, 2048);
            add(ps, backupId, tenantId, ordinal++, "post-data", "post-data", null, null, null, 512);
            for (int i = 1; i <= schemaDotTables.length; i++) {
                String[] parts = schemaDotTables[i - 1].split("\\.", 2);
                add(ps, backupId, tenantId, ordinal++, "data/" + (16384 + i), "table-data", parts[0], parts[1],
                        10L * i, 1000L * i);
            }
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

    private static void update(String backupId, String sql, String value) throws Exception {
        try (Connection c = ApiTest.catalog(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.setObject(2, UUID.fromString(backupId));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
