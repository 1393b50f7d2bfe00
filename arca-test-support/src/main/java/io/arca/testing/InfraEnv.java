package io.arca.testing;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the real test infrastructure is, read from the environment that {@code deploy/local/arca-local env}
 * prints ({@code ARCA_PG_*}, {@code ARCA_KAFKA_BOOTSTRAP}, {@code ARCA_S3_*}). The test command
 * ({@code deploy/local/arca-local test}) starts the infrastructure and exports these for the whole Maven run.
 *
 * <p>When a variable is missing, {@link #require()} skips the calling test with a message saying how to start the
 * infrastructure — unless {@code ARCA_REQUIRE_INFRA=true} (set by the test command and CI), where a missing
 * variable is a failure, so a broken setup can never pass as "skipped".
 */
public record InfraEnv(
        String pgHost, int pgPort, String pgUser, String pgPassword,
        String kafkaBootstrap,
        String s3Endpoint, String s3AccessKey, String s3SecretKey, String s3Region) {

    private static final String HOW_TO =
            "start it with `deploy/local/arca-local infra up` and `eval \"$(deploy/local/arca-local env)\"`, "
                    + "or run the whole suite with `deploy/local/arca-local test`";

    /** The infrastructure, or empty when the environment does not name it. */
    public static Optional<InfraEnv> fromEnvironment() {
        return fromMap(System.getenv());
    }

    static Optional<InfraEnv> fromMap(Map<String, String> env) {
        String[] required = {"ARCA_PG_HOST", "ARCA_PG_PORT", "ARCA_PG_USER", "ARCA_PG_PASSWORD",
                "ARCA_KAFKA_BOOTSTRAP", "ARCA_S3_ENDPOINT", "ARCA_S3_ACCESS_KEY", "ARCA_S3_SECRET_KEY"};
        for (String name : required) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
        }
        return Optional.of(new InfraEnv(
                env.get("ARCA_PG_HOST"), Integer.parseInt(env.get("ARCA_PG_PORT")),
                env.get("ARCA_PG_USER"), env.get("ARCA_PG_PASSWORD"),
                env.get("ARCA_KAFKA_BOOTSTRAP"),
                env.get("ARCA_S3_ENDPOINT"), env.get("ARCA_S3_ACCESS_KEY"), env.get("ARCA_S3_SECRET_KEY"),
                env.getOrDefault("ARCA_S3_REGION", "us-east-1")));
    }

    /**
     * The infrastructure for a test that needs it: skips the test (JUnit assumption) when absent, or fails when
     * {@code ARCA_REQUIRE_INFRA=true}.
     */
    public static InfraEnv require() {
        Optional<InfraEnv> env = fromEnvironment();
        if (env.isPresent()) {
            return env.get();
        }
        String message = "real PostgreSQL/Kafka/S3 not configured: " + HOW_TO;
        if ("true".equalsIgnoreCase(System.getenv("ARCA_REQUIRE_INFRA"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** Like {@link #require()} but always fails when absent: for Quarkus test resources, which cannot skip. */
    public static InfraEnv requireOrFail() {
        return fromEnvironment().orElseThrow(() ->
                new IllegalStateException("real PostgreSQL/Kafka/S3 not configured: " + HOW_TO));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }
}
