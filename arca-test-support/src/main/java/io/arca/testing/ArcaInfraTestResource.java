package io.arca.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Points a {@code @QuarkusTest} application at the real infrastructure, isolated per test run: a fresh catalog
 * database, topics with a unique prefix, and a unique bucket name. Use with
 * {@code @QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)} once per
 * module (or on a test profile), so Quarkus starts the application once for the module's tests.
 *
 * <p>Exposes the chosen names to tests through system properties {@code arca.test.database},
 * {@code arca.test.topic-prefix} and {@code arca.test.bucket}.
 */
public class ArcaInfraTestResource implements QuarkusTestResourceLifecycleManager {
    private InfraEnv env;
    private String database;

    @Override
    public Map<String, String> start() {
        env = InfraEnv.requireOrFail();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        database = new TestDatabases(env).createFresh("arca_test");
        String topicPrefix = "t" + runId + ".";
        String bucket = "arca-test-" + runId;

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", env.jdbcUrl(database));
        config.put("quarkus.datasource.username", env.pgUser());
        config.put("quarkus.datasource.password", env.pgPassword());
        config.put("kafka.bootstrap.servers", env.kafkaBootstrap());
        config.put("arca.topics.jobs", topicPrefix + "backup.jobs");
        config.put("arca.topics.events", topicPrefix + "backup.events");
        config.put("arca.topics.jobs-dlq", topicPrefix + "backup.jobs.dlq");
        if (usesObjectStorage()) {
            // quarkus-minio 3.8 reads quarkus.minio.host (its interceptors relocate url to host); set both so
            // either spelling in a service's application.properties is overridden.
            config.put("quarkus.minio.url", env.s3Endpoint());
            config.put("quarkus.minio.host", env.s3Endpoint());
            config.put("quarkus.minio.secure", String.valueOf(env.s3Endpoint().startsWith("https:")));
            config.put("quarkus.minio.access-key", env.s3AccessKey());
            config.put("quarkus.minio.secret-key", env.s3SecretKey());
            config.put("quarkus.minio.region", env.s3Region());
            config.put("arca.storage.bucket", bucket);
        }

        System.setProperty("arca.test.database", database);
        System.setProperty("arca.test.topic-prefix", topicPrefix);
        System.setProperty("arca.test.bucket", bucket);
        return config;
    }

    /**
     * Whether the service under test has the MinIO client (quarkus-minio): only then are the quarkus.minio.* keys
     * set, as Quarkus warns about every key no extension of the application reads.
     */
    private static boolean usesObjectStorage() {
        try {
            Class.forName("io.minio.MinioClient", false, ArcaInfraTestResource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        if (env != null && database != null) {
            new TestDatabases(env).drop(database);
        }
    }
}
