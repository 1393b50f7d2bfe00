package io.arca.system.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The command-line checkers the deploy-file tests run, as {@code deploy/local/arca-local test} fetched them
 * ({@code deploy/local/lib/tools.sh} exports their paths). Outside the test command a missing tool skips the test,
 * saying which; under {@code ARCA_REQUIRE_INFRA=true} (the test command and CI) it fails it, so a check never goes
 * quietly unrun where it must run.
 */
public final class CheckTools {

    private CheckTools() {
    }

    /** promtool (Debian's prometheus package): {@code check rules}, {@code test rules}, {@code check ...}. */
    public static Path promtool() {
        return tool("ARCA_PROMTOOL", "promtool");
    }

    /** docker-compose 1.x: {@code -f F config -q} validates a compose file without a Docker engine. */
    public static Path dockerCompose() {
        return tool("ARCA_DOCKER_COMPOSE", "docker-compose");
    }

    /** dockerfile-utils (npm): {@code lint F}. */
    public static Path dockerfileUtils() {
        return tool("ARCA_DOCKERFILE_UTILS", "dockerfile-utils");
    }

    /** kubectl, for {@code kubectl kustomize DIR} only (any other subcommand would talk to localhost:8080). */
    public static Path kubectl() {
        return tool("ARCA_KUBECTL", "kubectl");
    }

    /** Runs a command to its end (or kills it at the timeout) and returns its exit code and merged output. */
    public static Result run(Duration timeout, Path workDir, List<String> command) {
        Path output = null;
        try {
            // output to a file, so a command that hangs is still killed at the timeout (a pipe read would block)
            output = Files.createTempFile("arca-check-", ".out");
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                            .toFile())).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    private static Path tool(String variable, String name) {
        String configured = System.getenv(variable);
        Path path = configured == null || configured.isBlank() ? null : Path.of(configured);
        boolean present = path != null && Files.isExecutable(path);
        String problem = name + " is not available (" + variable + "=" + (configured == null ? "" : configured)
                + "); `deploy/local/arca-local tools` fetches it";
        if (!present && "true".equalsIgnoreCase(System.getenv("ARCA_REQUIRE_INFRA"))) {
            throw new IllegalStateException(problem + " (ARCA_REQUIRE_INFRA=true: this check must run)");
        }
        Assumptions.assumeTrue(present, problem);
        return path;
    }

    /** A finished command: its exit code and its stdout and stderr together. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }
}
