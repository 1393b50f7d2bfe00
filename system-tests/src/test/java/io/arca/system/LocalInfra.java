package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Stops and starts one piece of the test infrastructure, for outage tests: {@code deploy/local/arca-local infra
 * stop|start kafka|s3} on the instance the test command started (the script and its directory come from the
 * environment {@code arca-local test} exports: {@code ARCA_LOCAL_SCRIPT}, {@code ARCA_LOCAL_DIR}).
 */
final class LocalInfra {
    private LocalInfra() {
    }

    /** Skips the caller unless the infrastructure can be controlled (fails under {@code ARCA_REQUIRE_INFRA=true}). */
    static void assumeControllable() {
        boolean available = script() != null;
        if ("true".equalsIgnoreCase(System.getenv("ARCA_REQUIRE_INFRA"))) {
            assertThat(available).as("ARCA_LOCAL_SCRIPT is set by deploy/local/arca-local test").isTrue();
        }
        Assumptions.assumeTrue(available,
                "ARCA_LOCAL_SCRIPT is not set: run with deploy/local/arca-local test to stop and start Kafka and S3");
    }

    static void stop(String component) throws Exception {
        run("stop", component);
    }

    static void start(String component) throws Exception {
        run("start", component);
    }

    private static void run(String action, String component) throws Exception {
        List<String> command = List.of(script(), "infra", action, component);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(150, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + " exit code").isZero();
    }

    private static String script() {
        String script = System.getenv("ARCA_LOCAL_SCRIPT");
        return script == null || script.isBlank() ? null : script;
    }
}
