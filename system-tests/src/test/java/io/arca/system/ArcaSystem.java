package io.arca.system;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.S3ObjectStore;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import io.minio.MinioClient;
import io.minio.RemoveBucketArgs;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The three services as real processes against the real infrastructure, started once for the whole module (JVM
 * starts are slow on small machines) and isolated per run: a fresh catalog database (api-service migrates it),
 * topics with a unique prefix, a fresh bucket, fresh keys. Stopped by a shutdown hook of the test JVM.
 */
final class ArcaSystem {
    private static final Duration READY = Duration.ofSeconds(180);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static ArcaSystem shared;
    private static RuntimeException startFailure;

    final InfraEnv env;
    final TestDatabases databases;
    final SourceDatabases sources;
    final String runId = UUID.randomUUID().toString().substring(0, 8);
    final String catalog;
    final String bucket = "arca-system-" + runId;
    final String bootstrapKey;
    /** The master keys every service starts with: current, then previous ones (a rotation changes them). */
    private volatile String masterKey;
    private volatile List<String> previousMasterKeys = List.of();
    private final List<ServiceProcess> processes = new ArrayList<>();
    /** The SMTP server email channels send to (in this JVM, on a free loopback port). */
    final GreenMail mail;
    private ServiceProcess api;
    private volatile ServiceProcess scheduler;
    private volatile ServiceProcess worker;
    private int schedulerCount;
    private int workerCount;
    private int apiRestarts;
    private ArcaClient client;

    private ArcaSystem(InfraEnv env) {
        this.env = env;
        this.databases = new TestDatabases(env);
        this.sources = new SourceDatabases(env);
        this.catalog = databases.createFresh("arca_system");
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.masterKey = Base64.getEncoder().encodeToString(key);
        // api-service requires the "arca_" prefix (ApiKeySecrets.PREFIX); generated keys have 40 random characters
        StringBuilder bootstrap = new StringBuilder("arca_");
        for (int i = 0; i < 40; i++) {
            bootstrap.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        this.bootstrapKey = bootstrap.toString();
        this.mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    }

    /**
     * The module's system (started on first use). Skips the caller when the infrastructure is not configured (fails
     * under {@code ARCA_REQUIRE_INFRA=true}); a failed start fails every later caller at once.
     */
    static synchronized ArcaSystem shared() throws Exception {
        InfraEnv env = InfraEnv.require();
        if (startFailure != null) {
            throw new IllegalStateException("the services did not start (see the first failing test)", startFailure);
        }
        if (shared == null) {
            ArcaSystem s = new ArcaSystem(env);
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "arca-system-stop"));
            try {
                s.start();
            } catch (Exception | Error e) {
                startFailure = new IllegalStateException(e.getMessage(), e);
                throw e;
            }
            shared = s;
        }
        return shared;
    }

    /**
     * A second system, separate from {@link #shared()} (its own catalog, bucket, topics, master and bootstrap keys),
     * for a test that destroys it (the disaster recovery test drops its catalog). The caller stops it with
     * {@link #destroy()}.
     */
    static ArcaSystem startDedicated() throws Exception {
        ArcaSystem s = new ArcaSystem(InfraEnv.require());
        try {
            s.start();
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Stops every service of this system (SIGTERM, newest first); the bucket and the catalog stay. */
    void stopServices() {
        List<ServiceProcess> started;
        synchronized (this) {
            started = new ArrayList<>(processes);
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception | Error e) {
                System.err.println("could not stop " + started.get(i).name() + ": " + e);
            }
        }
    }

    /** Drops the catalog database (the services must be stopped): what a lost deployment leaves behind. */
    void dropCatalog() {
        databases.drop(catalog);
    }

    /** Whether the catalog database still exists. */
    boolean catalogExists() throws Exception {
        try (Connection c = databases.connect("postgres");
                PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            ps.setString(1, catalog);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Stops a {@link #startDedicated()} system and removes everything it made. */
    void destroy() {
        close();
    }

    /** api-service first (it migrates the catalog the others check), then the scheduler and one worker. */
    private void start() throws Exception {
        mail.start();
        api = track(ServiceProcess.start("api-service", "api-" + runId, commonEnv())).awaitReady(READY);
        ServiceProcess starting = startScheduler();
        worker = startWorker(Map.of());
        scheduler = starting.awaitReady(READY);
        client = new ArcaClient(api.baseUrl(), bootstrapKey);
    }

    private ServiceProcess startScheduler() throws Exception {
        Map<String, String> schedulerEnv = commonEnv();
        // a crashed worker's job is re-queued within seconds: sweep every 2 s, retry after 1 s
        schedulerEnv.put("ARCA_SCHEDULER_ORPHAN_SWEEP_INTERVAL", "2s");
        schedulerEnv.put("ARCA_JOBS_RETRY_BACKOFF_SECONDS", "1");
        // due schedules, backups that retention must look at and due drills are seen within a second
        schedulerEnv.put("ARCA_SCHEDULES_TICK_INTERVAL", "1s");
        schedulerEnv.put("ARCA_RETENTION_RECHECK_INTERVAL", "1s");
        schedulerEnv.put("ARCA_DRILLS_TICK_INTERVAL", "1s");
        // catalog gauges (sources, outbox, storage) follow a backup within seconds
        schedulerEnv.put("ARCA_METRICS_REFRESH_INTERVAL", "2s");
        // email channels send to this JVM's SMTP server; links in emails point at this run's API
        schedulerEnv.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        schedulerEnv.put("QUARKUS_MAILER_PORT", String.valueOf(mail.getSmtp().getPort()));
        schedulerEnv.put("QUARKUS_MAILER_FROM", "arca@system-test.invalid");
        schedulerEnv.put("QUARKUS_MAILER_MOCK", "false");
        schedulerEnv.put("ARCA_NOTIFICATIONS_PUBLIC_API_URL", api.baseUrl());
        // a failed webhook attempt is retried within seconds; an attempt to a hung receiver gives up after 5 s
        schedulerEnv.put("ARCA_NOTIFICATIONS_RETRY_DELAYS", "1s,1s,2s");
        schedulerEnv.put("ARCA_NOTIFICATIONS_REQUEST_TIMEOUT", "5s");
        return track(ServiceProcess.start("scheduler-service", "scheduler-" + runId + "-" + (++schedulerCount),
                schedulerEnv));
    }

    /** Kills scheduler-service with SIGKILL (no shutdown hook runs) and starts a new one; returns it when ready. */
    ServiceProcess crashAndReplaceScheduler() throws Exception {
        ServiceProcess old = scheduler;
        old.kill();
        if (old.isAlive()) {
            throw new IllegalStateException(old.name() + " survived SIGKILL");
        }
        scheduler = startScheduler().awaitReady(READY);
        return scheduler;
    }

    ServiceProcess scheduler() {
        return scheduler;
    }

    /** The api-service process (its pid, for CPU measurements). */
    ServiceProcess api() {
        return api;
    }

    String apiBaseUrl() {
        return api.baseUrl();
    }

    ArcaClient client() {
        return client;
    }

    ServiceProcess worker() {
        return worker;
    }

    /** Something a test does while a service is stopped. */
    interface WhileStopped {
        void run() throws Exception;
    }

    /**
     * Stops api-service (SIGTERM), runs {@code action}, and starts it again on the same port, so every client keeps
     * working afterwards; the restart happens even when {@code action} fails.
     */
    void withApiStopped(WhileStopped action) throws Exception {
        ServiceProcess stopped = api;
        stopped.close();
        try {
            action.run();
        } finally {
            startApi(stopped.port(), Map.of());
        }
    }

    boolean apiAlive() {
        return api.isAlive();
    }

    /** Kills the current worker with SIGKILL (a crash: no shutdown hook runs) and starts a new one. */
    ServiceProcess crashAndReplaceWorker() throws Exception {
        ServiceProcess old = worker;
        old.kill();
        if (old.isAlive()) {
            throw new IllegalStateException(old.name() + " survived SIGKILL");
        }
        worker = startWorker(Map.of());
        return worker;
    }

    private ServiceProcess startWorker(Map<String, String> overrides) throws Exception {
        Map<String, String> workerEnv = commonEnv();
        // progress every second (default 2): a running job shows bytes read early, for the crash tests to see
        workerEnv.put("ARCA_WORKER_PROGRESS_INTERVAL_SECONDS", "1");
        workerEnv.putAll(overrides);
        return track(ServiceProcess.start("backup-worker", "worker-" + runId + "-" + (++workerCount), workerEnv))
                .awaitReady(READY);
    }

    /** The current master key (base64) every service starts with. */
    String masterKey() {
        return masterKey;
    }

    /**
     * A master key rotation's roll-out: stops the three services (SIGTERM) and starts them again with these keys,
     * api-service on its port (clients keep working).
     */
    void restartWithMasterKeys(String current, List<String> previous) throws Exception {
        worker.close();
        scheduler.close();
        int apiPort = api.port();
        api.close();
        masterKey = current;
        previousMasterKeys = List.copyOf(previous);
        startApi(apiPort, Map.of());
        ServiceProcess starting = startScheduler();
        worker = startWorker(Map.of());
        scheduler = starting.awaitReady(READY);
    }

    /** Restarts api-service (SIGTERM) on the same port, its environment differing by {@code overrides}. */
    ServiceProcess restartApi(Map<String, String> overrides) throws Exception {
        ServiceProcess stopped = api;
        stopped.close();
        return startApi(stopped.port(), overrides);
    }

    /** Starts api-service again on {@code port} (where clients look for it), its environment differing by overrides. */
    private ServiceProcess startApi(int port, Map<String, String> overrides) throws Exception {
        Map<String, String> apiEnv = commonEnv();
        apiEnv.putAll(overrides);
        api = track(ServiceProcess.start("api-service", "api-" + runId + "-" + (++apiRestarts), apiEnv, port))
                .awaitReady(READY);
        return api;
    }

    /**
     * Replaces the worker (SIGTERM, waits for its exit; nothing when it already exited) by one whose environment
     * differs by {@code overrides} ({@code Map.of()}: an ordinary worker); returns it when ready.
     */
    ServiceProcess replaceWorker(Map<String, String> overrides) throws Exception {
        worker.close();
        worker = startWorker(overrides);
        return worker;
    }

    private synchronized ServiceProcess track(ServiceProcess p) {
        processes.add(p);
        return p;
    }

    private Map<String, String> commonEnv() {
        Map<String, String> e = new HashMap<>();
        e.put("QUARKUS_DATASOURCE_JDBC_URL", env.jdbcUrl(catalog));
        e.put("QUARKUS_DATASOURCE_USERNAME", env.pgUser());
        e.put("QUARKUS_DATASOURCE_PASSWORD", env.pgPassword());
        e.put("KAFKA_BOOTSTRAP_SERVERS", env.kafkaBootstrap());
        // quarkus-minio 3.8 reads quarkus.minio.host; url is set too for later versions
        e.put("QUARKUS_MINIO_URL", env.s3Endpoint());
        e.put("QUARKUS_MINIO_HOST", env.s3Endpoint());
        e.put("QUARKUS_MINIO_SECURE", "false");
        e.put("QUARKUS_MINIO_ACCESS_KEY", env.s3AccessKey());
        e.put("QUARKUS_MINIO_SECRET_KEY", env.s3SecretKey());
        e.put("QUARKUS_MINIO_REGION", env.s3Region());
        e.put("ARCA_STORAGE_BUCKET", bucket);
        e.put("ARCA_SECURITY_MASTER_KEY", masterKey);
        if (!previousMasterKeys.isEmpty()) {
            e.put("ARCA_SECURITY_PREVIOUS_MASTER_KEYS", String.join(",", previousMasterKeys));
        }
        e.put("ARCA_SECURITY_BOOTSTRAP_ADMIN_KEY", bootstrapKey);
        String prefix = "st" + runId + ".";
        e.put("ARCA_TOPICS_JOBS", prefix + "backup.jobs");
        e.put("ARCA_TOPICS_EVENTS", prefix + "backup.events");
        e.put("ARCA_TOPICS_JOBS_DLQ", prefix + "backup.jobs.dlq");
        // a killed worker's lease runs out within seconds (heartbeat every 2 s)
        e.put("ARCA_JOBS_LEASE_SECONDS", "6");
        // the tests' webhook receivers listen on loopback, which production configuration denies
        e.put("ARCA_NOTIFICATIONS_DESTINATIONS_ALLOW", "127.0.0.0/8,::1/128");
        // the tests' source databases live on the catalog's server, which production configuration refuses
        e.put("ARCA_SOURCES_DESTINATIONS_ALLOW_CATALOG_SERVER", "true");
        return e;
    }

    /** Keys of the objects in this run's bucket under {@code prefix}. */
    List<String> objectKeys(String prefix) {
        return bucketStore().list(prefix).map(ObjectInfo::key).toList();
    }

    /** The whole content of one object of this run's bucket. */
    byte[] object(String key) {
        return bucketStore().get(key);
    }

    /** Replaces one object of this run's bucket (to damage a stored backup on purpose). */
    void putObject(String key, byte[] content) {
        bucketStore().put(key, content);
    }

    /** Deletes the run's objects (hundreds of MB); ARCA_SYSTEM_KEEP_BUCKET=true keeps them for a post-mortem. */
    private void emptyBucket() {
        if ("true".equalsIgnoreCase(System.getenv("ARCA_SYSTEM_KEEP_BUCKET"))) {
            return;
        }
        try {
            S3ObjectStore store = bucketStore();
            store.list("").map(ObjectInfo::key).toList().forEach(store::delete);
            MinioClient.builder().endpoint(env.s3Endpoint()).credentials(env.s3AccessKey(), env.s3SecretKey())
                    .region(env.s3Region()).build().removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            System.err.println("could not empty bucket " + bucket + ": " + e);
        }
    }

    private S3ObjectStore bucketStore() {
        return S3ObjectStore.create(env.s3Endpoint(), env.s3AccessKey(), env.s3SecretKey(), env.s3Region(), bucket);
    }

    /** First column of the first row of a query on the catalog (for what the API does not show), or null. */
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

    /** Runs an insert, update or delete on the catalog; returns the rows it changed. */
    int catalogUpdate(String sql, Object... params) throws Exception {
        try (Connection c = databases.connect(catalog); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** Stops every process this run started (newest first), then drops the run's databases. */
    private void close() {
        stopServices();
        mail.stop();
        sources.dropAll();
        emptyBucket();
        try {
            databases.drop(catalog);
        } catch (RuntimeException e) {
            System.err.println("could not drop " + catalog + ": " + e.getMessage());
        }
    }
}
