package io.arca.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/docker/*.Dockerfile: valid syntax ({@code dockerfile-utils lint}, no warning either) and
 * {@link DockerfileCheck}: a pinned base, a numeric non-root user, the service's HTTP port exposed, and a
 * HEALTHCHECK on /q/health/* whose program (curl) the Dockerfile installs itself with apt-get: that is how we know
 * it exists in the image, whatever the base ships. Each check also fails on a broken copy.
 */
class DockerfilesTest {
    private static final String WORKER_FILE = "deploy/docker/backup-worker.Dockerfile";

    private final ArcaServices services = ArcaServices.of();

    @ParameterizedTest
    @ValueSource(strings = {"api-service", "backup-worker", "scheduler-service"})
    void lintIsClean(String module) {
        CheckTools.Result result = lint(services.repo(), "deploy/docker/" + module + ".Dockerfile");

        assertThat(result.ok()).as("dockerfile-utils lint: %s", result.output()).isTrue();
        assertThat(result.output()).isBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-service", "backup-worker", "scheduler-service"})
    void imageIsPinnedUnprivilegedExposesItsPortAndChecksItsHealth(String module) {
        Dockerfile dockerfile = Dockerfile.read(services.repo().resolve("deploy/docker/" + module + ".Dockerfile"));

        assertThat(DockerfileCheck.problems(dockerfile, services.httpPort(module))).isEmpty();
    }

    @Test
    void lintFailsOnABrokenInstruction(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp).replace(WORKER_FILE, "EXPOSE 8081\n", "EXPOSE 80x1\n")
                .root();

        CheckTools.Result result = lint(broken, WORKER_FILE);

        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("Error: Invalid containerPort: 80x1");
    }

    @Test
    void anUnpinnedBaseRootAndAWrongPortAreReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp)
                .replace(WORKER_FILE, "FROM eclipse-temurin:25.0.3_9-jre-noble\n", "FROM eclipse-temurin:25-jre\n")
                .replace(WORKER_FILE, "USER 185\n", "USER root\n")
                .replace(WORKER_FILE, "EXPOSE 8081\n", "EXPOSE 8080\n").root();

        assertThat(DockerfileCheck.problems(Dockerfile.read(broken.resolve(WORKER_FILE)), 8081)).containsExactly(
                "base image eclipse-temurin:25-jre: tag 25-jre names no version (at least major.minor, or a digest)",
                "USER root: the image must run as a numeric non-root uid",
                "EXPOSE [8080]: must be exactly the service's HTTP port 8081 (quarkus.http.port)");
    }

    @Test
    void aHealthCheckOffTheHealthEndpointsOrWithAProgramNotInstalledIsReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp).replace(WORKER_FILE,
                "CMD [\"curl\", \"-fsS\", \"-o\", \"/dev/null\", \"http://localhost:8081/q/health/ready\"]",
                "CMD [\"wget\", \"-q\", \"-O\", \"/dev/null\", \"http://localhost:8081/health\"]").root();

        assertThat(DockerfileCheck.problems(Dockerfile.read(broken.resolve(WORKER_FILE)), 8081)).containsExactly(
                "HEALTHCHECK [wget, -q, -O, /dev/null, http://localhost:8081/health] must request "
                        + "http://localhost:8081/q/health/live|ready|started",
                "HEALTHCHECK runs wget, which no RUN apt-get install of this Dockerfile installs (the base image is "
                        + "not assumed to have it)");
    }

    @Test
    void aMissingHealthCheckIsReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp).replace(WORKER_FILE, "HEALTHCHECK --", "# HEALTHCHECK --")
                .replace(WORKER_FILE, "  CMD [\"curl\"", "#  CMD [\"curl\"").root();

        assertThat(DockerfileCheck.problems(Dockerfile.read(broken.resolve(WORKER_FILE)), 8081))
                .containsExactly("HEALTHCHECK: expected exactly one, found 0");
    }

    private static CheckTools.Result lint(Path root, String file) {
        return CheckTools.run(Duration.ofMinutes(1), root,
                List.of(CheckTools.dockerfileUtils().toString(), "lint", file));
    }
}
