package io.arca.system;

import static io.restassured.RestAssured.given;

import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.security.SecureRandom;

/**
 * The three services as real processes against the real infrastructure, isolated per test class: a fresh catalog
 * database (api-service migrates it), topics with a unique prefix, a fresh bucket, fresh keys. Drives them over
 * HTTP like a client would, and reads the catalog directly only to assert what the API does not show.
 */
final class ArcaSystem implements AutoCloseable {
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");

    final InfraEnv env = InfraEnv.require();
    final TestDatabases databases = new TestDatabases(env);
    final String runId = UUID.randomUUID().toString().substring(0, 8);
    final String catalog = databases.createFresh("arca_system");
    final String bootstrapKey = "arca_system" + runId + "BootstrapKey000000000000000";
    final String masterKey;
    private final Map<String, String> workerEnv;
    private final List<ServiceProcess> processes = new ArrayList<>();
    ServiceProcess api;
    ServiceProcess scheduler;
    ServiceProcess worker;
    private String tenantKey;
    private int workerCount;

    private ArcaSystem(Map<String, String> workerEnv) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.masterKey = Base64.getEncoder().encodeToString(key);
        this.workerEnv = workerEnv;
    }

    /**
     * Starts api-service (which migrates the catalog), then the scheduler and one worker. Short lease and sweep
     * so a crashed worker's job is recovered within seconds.
     */
    static ArcaSystem start(Map<String, String> workerEnv) throws Exception {
        ArcaSystem s = new ArcaSystem(workerEnv);
        try {
            s.api = s.track(ServiceProcess.start("api-service", "api-" + s.runId, s.commonEnv()))
                    .awaitReady(Duration.ofSeconds(120));
            Map<String, String> schedulerEnv = s.commonEnv();
            schedulerEnv.put("ARCA_SCHEDULER_ORPHAN_SWEEP_INTERVAL", "2s");
            schedulerEnv.put("ARCA_JOBS_RETRY_BACKOFF_SECONDS", "1");
            s.scheduler = s.track(ServiceProcess.start("scheduler-service", "scheduler-" + s.runId, schedulerEnv));
            s.worker = s.startWorker();
            s.scheduler.awaitReady(Duration.ofSeconds(120));
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    ServiceProcess startWorker() throws Exception {
        Map<String, String> env = commonEnv();
        env.put("ARCA_JOBS_LEASE_SECONDS", "6");
        env.putAll(workerEnv);
        return track(ServiceProcess.start("backup-worker", "worker-" + runId + "-" + (++workerCount), env))
                .awaitReady(Duration.ofSeconds(120));
    }

    private ServiceProcess track(ServiceProcess p) {
        processes.add(p);
        return p;
    }

    Map<String, String> commonEnv() {
        Map<String, String> e = new HashMap<>();
        e.put("QUARKUS_DATASOURCE_JDBC_URL", env.jdbcUrl(catalog));
        e.put("QUARKUS_DATASOURCE_USERNAME", env.pgUser());
        e.put("QUARKUS_DATASOURCE_PASSWORD", env.pgPassword());
        e.put("KAFKA_BOOTSTRAP_SERVERS", env.kafkaBootstrap());
        e.put("QUARKUS_MINIO_URL", env.s3Endpoint());
        e.put("QUARKUS_MINIO_HOST", env.s3Endpoint());
        e.put("QUARKUS_MINIO_SECURE", "false");
        e.put("QUARKUS_MINIO_ACCESS_KEY", env.s3AccessKey());
        e.put("QUARKUS_MINIO_SECRET_KEY", env.s3SecretKey());
        e.put("QUARKUS_MINIO_REGION", env.s3Region());
        e.put("ARCA_STORAGE_BUCKET", "arca-system-" + runId);
        e.put("ARCA_SECURITY_MASTER_KEY", masterKey);
        e.put("ARCA_SECURITY_BOOTSTRAP_ADMIN_KEY", bootstrapKey);
        String prefix = "st" + runId + ".";
        e.put("ARCA_TOPICS_JOBS", prefix + "backup.jobs");
        e.put("ARCA_TOPICS_EVENTS", prefix + "backup.events");
        e.put("ARCA_TOPICS_JOBS_DLQ", prefix + "backup.jobs.dlq");
        return e;
    }

    // --- the API, as a client uses it ------------------------------------------------------------------------

    /** The admin key of this run's tenant (created with the bootstrap key on first use). */
    String tenantKey() {
        if (tenantKey == null) {
            tenantKey = given().baseUri(api.baseUrl()).header("Authorization", "Bearer " + bootstrapKey)
                    .contentType(ContentType.JSON).body("{\"name\":\"system-" + runId + "\"}")
                    .post("/api/v1/tenants").then().statusCode(201).extract().path("adminKey.secret");
        }
        return tenantKey;
    }

    UUID createSource(String database) {
        String body = "{\"name\":\"" + database + "\",\"type\":\"postgresql\",\"host\":\"" + env.pgHost()
                + "\",\"port\":" + env.pgPort() + ",\"database\":\"" + database + "\",\"username\":\"" + env.pgUser()
                + "\",\"password\":\"" + env.pgPassword() + "\",\"sslMode\":\"disable\"}";
        return UUID.fromString(post("/api/v1/sources", body, 201).getString("id"));
    }

    UUID requestBackup(UUID sourceId) {
        return UUID.fromString(post("/api/v1/backups", "{\"sourceId\":\"" + sourceId + "\",\"type\":\"full\"}", 202)
                .getString("id"));
    }

    UUID requestRestore(UUID backupId, UUID targetSource, String database) {
        return UUID.fromString(post("/api/v1/restores", "{\"backupId\":\"" + backupId + "\",\"target\":{\"sourceId\":\""
                + targetSource + "\",\"database\":\"" + database + "\"}}", 202).getString("id"));
    }

    JsonPath backup(UUID id) {
        return get("/api/v1/backups/" + id);
    }

    JsonPath restore(UUID id) {
        return get("/api/v1/restores/" + id);
    }

    /** Polls until the backup reaches a terminal state (or the timeout); returns its last view. */
    JsonPath awaitBackup(UUID id, Duration timeout) throws InterruptedException {
        return await("/api/v1/backups/" + id, timeout);
    }

    JsonPath awaitRestore(UUID id, Duration timeout) throws InterruptedException {
        return await("/api/v1/restores/" + id, timeout);
    }

    private JsonPath await(String path, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath view = get(path);
        while (!TERMINAL.contains(view.getString("state")) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            view = get(path);
        }
        return view;
    }

    private JsonPath post(String path, String body, int status) {
        return given().baseUri(api.baseUrl()).header("Authorization", "Bearer " + tenantKey())
                .contentType(ContentType.JSON).body(body).post(path).then().statusCode(status).extract().jsonPath();
    }

    private JsonPath get(String path) {
        return given().baseUri(api.baseUrl()).header("Authorization", "Bearer " + tenantKey()).get(path)
                .then().statusCode(200).extract().jsonPath();
    }

    // --- the catalog, for what the API does not show ---------------------------------------------------------

    String catalogText(String sql, Object... params) throws Exception {
        try (Connection c = databases.connect(catalog); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        databases.drop(catalog);
    }
}
