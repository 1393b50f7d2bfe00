package io.arca.worker;

import io.agroal.api.AgroalDataSource;
import io.arca.common.crypto.SealingContexts;
import io.arca.common.crypto.SecretSealer;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Catalog rows and job messages for worker tests: a tenant, a source pointing at a real test database (password
 * sealed with the test master key), backup rows, and messages published straight to the jobs topic (the outbox
 * relay belongs to api-service).
 */
public final class Fixtures {
    /** The all-zero test master key of application.properties (%test). */
    public static final SecretSealer SEALER = new SecretSealer(new byte[32]);

    private static final java.util.Set<String> TERMINAL = java.util.Set.of("completed", "failed", "cancelled");

    public final AgroalDataSource db;
    public final InfraEnv env = InfraEnv.requireOrFail();
    public final UUID tenantId = UUID.randomUUID();

    public Fixtures(AgroalDataSource db) throws SQLException {
        this.db = db;
        exec("insert into tenants (id, name) values (?, ?)", tenantId, "tenant-" + tenantId);
    }

    /** A fresh database on the test server with a few tables; returns its name. */
    public String sourceDatabase(int rows) throws SQLException {
        TestDatabases dbs = new TestDatabases(env);
        String name = dbs.createFresh("worker_src");
        try (Connection c = dbs.connect(name); Statement s = c.createStatement()) {
            s.execute("create table customers (id bigint primary key, name text not null, note text)");
            s.execute("insert into customers select g, 'customer ' || g, md5(g::text) from generate_series(1, " + rows + ") g");
            s.execute("create table orders (id bigserial primary key, customer_id bigint references customers, total numeric(10,2))");
            s.execute("insert into orders (customer_id, total) select (g % " + rows + ") + 1, g / 7.0 from generate_series(1, " + rows * 2 + ") g");
            s.execute("create index orders_customer on orders (customer_id)");
        }
        return name;
    }

    public UUID source(String database, String password, int port) throws SQLException {
        UUID id = UUID.randomUUID();
        byte[] sealed = SEALER.seal(password.getBytes(StandardCharsets.UTF_8), SealingContexts.sourcePassword(id));
        exec("insert into sources (id, tenant_id, name, host, port, database_name, username, password_sealed, ssl_mode) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, 'disable')", id, tenantId, "src-" + id, env.pgHost(), port, database,
                env.pgUser(), sealed);
        return id;
    }

    public UUID source(String database) throws SQLException {
        return source(database, env.pgPassword(), env.pgPort());
    }

    public UUID pendingBackup(UUID sourceId, String optionsJson) throws SQLException {
        UUID id = UUID.randomUUID();
        exec("insert into backups (id, tenant_id, source_id, type, options, state) values (?, ?, ?, 'full', cast(? as jsonb), 'pending')",
                id, tenantId, sourceId, optionsJson);
        return id;
    }

    public UUID pendingRestore(UUID backupId, UUID targetSource, String targetDatabase) throws SQLException {
        UUID id = UUID.randomUUID();
        exec("insert into restores (id, tenant_id, backup_id, target_source_id, target_database, state) "
                + "values (?, ?, ?, ?, ?, 'pending')", id, tenantId, backupId, targetSource, targetDatabase);
        return id;
    }

    public UUID pendingVerification(UUID backupId, boolean deep, UUID targetSource) throws SQLException {
        UUID id = UUID.randomUUID();
        exec("insert into verifications (id, tenant_id, backup_id, source_id, deep, target_source_id, state) "
                + "select ?, tenant_id, id, source_id, ?, ?, 'pending' from backups where id = ?",
                id, deep, targetSource, backupId);
        return id;
    }

    public UUID pendingExport(UUID backupId, String format, String compression, String optionsJson,
            int expiresInSeconds) throws SQLException {
        UUID id = UUID.randomUUID();
        exec("insert into exports (id, tenant_id, backup_id, source_id, format, compression, options, state, "
                + "expires_at) select ?, tenant_id, id, source_id, ?, ?, cast(? as jsonb), 'pending', "
                + "now() + make_interval(secs => ?) from backups where id = ?",
                id, format, compression, optionsJson, expiresInSeconds, backupId);
        return id;
    }

    /** A completed backup of {@code sourceId} with the given options (waits for it). */
    public UUID completedBackup(UUID sourceId, String optionsJson) throws Exception {
        UUID backup = pendingBackup(sourceId, optionsJson);
        publish(sourceId.toString(), jobMessage(backup, "backup", tenantId, sourceId, 1));
        String state = await("select state from backups where id = ?", "completed", Duration.ofSeconds(90), backup);
        if (!"completed".equals(state)) {
            throw new AssertionError("backup " + backup + " is " + state + ": "
                    + text("select error from backups where id = ?", backup));
        }
        return backup;
    }

    public io.arca.pg.PgConnectionSpec spec(String database) {
        return new io.arca.pg.PgConnectionSpec(env.pgHost(), env.pgPort(), database, env.pgUser(), env.pgPassword(),
                "disable");
    }

    public static String jobMessage(UUID jobId, String kind, UUID tenantId, UUID sourceId, int attempt) {
        return "{\"version\":1,\"messageId\":\"" + UUID.randomUUID() + "\",\"jobId\":\"" + jobId + "\",\"kind\":\"" + kind
                + "\",\"tenantId\":\"" + tenantId + "\",\"sourceId\":\"" + sourceId + "\",\"attempt\":" + attempt
                + ",\"createdAt\":\"" + Instant.now() + "\"}";
    }

    public void publish(String key, String value) {
        Properties p = new Properties();
        p.put("bootstrap.servers", env.kafkaBootstrap());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(System.getProperty("arca.test.topic-prefix") + "backup.jobs", key, value));
            producer.flush();
        }
    }

    /** Waits until {@code sql} (one text column) returns {@code expected} or a terminal job state; returns the last value. */
    public String await(String sql, String expected, Duration timeout, Object... params) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String value = null;
        while (System.nanoTime() < deadline) {
            value = text(sql, params);
            if (expected.equals(value) || (value != null && TERMINAL.contains(value))) {
                return value;
            }
            Thread.sleep(200);
        }
        return value;
    }

    public String text(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public void exec(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
