package io.arca.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml, checked offline by docker-compose 1.29 itself ({@code config}: schema, interpolation, no
 * engine needed) and by {@link ComposeFile#problems}: every variable set for an Arca service is one it reads, every
 * pulled image pinned. Each check is also run on a broken copy, to prove it fails, and how.
 */
class ComposeFileTest {
    private final ArcaServices services = ArcaServices.of();

    @Test
    void composeAcceptsTheFileWithTheTwoSecretsSupplied() {
        CheckTools.Result result = ComposeFile.config(services.repo(), ComposeFile.REQUIRED, true);

        assertThat(result.ok()).as("docker-compose config -q: %s", result.output()).isTrue();
        assertThat(result.output()).isBlank();
    }

    /** Without the secrets the stack would start with an empty master key: compose refuses, naming the variable. */
    @Test
    void composeRefusesTheFileWithoutTheMasterKey() {
        CheckTools.Result result = ComposeFile.config(services.repo(),
                Map.of("ARCA_SECURITY_BOOTSTRAP_ADMIN_KEY", "arca_x"), true);

        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("set ARCA_SECURITY_MASTER_KEY (32 random bytes, base64) in .env");
    }

    @Test
    void everyVariableSetForAnArcaServiceIsReadByItAndEveryImageIsPinned() {
        assertThat(ComposeFile.problems(resolved(services.repo()), services)).isEmpty();
    }

    /** An invalid file (a key the compose schema does not have) gets compose's own error, naming the key. */
    @Test
    void anInvalidFileFailsComposeConfig(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp)
                .replace(ComposeFile.FILE, "    volumes:\n      - kafkadata", "    volume:\n      - kafkadata").root();

        CheckTools.Result result = ComposeFile.config(broken, ComposeFile.REQUIRED, true);

        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("Unsupported config option for services.kafka: 'volume'");
    }

    /** A misspelt variable (compose accepts any name) is set for nothing: the key check names it and the service. */
    @Test
    void aVariableNoServiceReadsIsReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp).replace(ComposeFile.FILE,
                "      QUARKUS_HTTP_PORT: \"8082\"\n",
                "      QUARKUS_HTTP_PORT: \"8082\"\n      ARCA_SCHEDULER_ORPHAN_SWEEP_INTERVALL: 5s\n"
                        + "      QUARKUS_HTTP_PROT: \"8082\"\n").root();

        assertThat(ComposeFile.problems(resolved(broken), services)).containsExactly(
                "service scheduler-service sets ARCA_SCHEDULER_ORPHAN_SWEEP_INTERVALL: no arca.* key of "
                        + "scheduler-service's @ConfigMapping interfaces (or of the libraries it depends on) has this "
                        + "environment name",
                "service scheduler-service sets QUARKUS_HTTP_PROT: neither a key of scheduler-service's "
                        + "application.properties nor a key of an extension it uses (EnvironmentKeys.EXTENSION_KEYS)");
    }

    /** A key only another service reads is set for nothing here: the worker sends no email. */
    @Test
    void aVariableOnlyAnotherServiceReadsIsReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp).replace(ComposeFile.FILE,
                "      QUARKUS_HTTP_PORT: \"8081\"\n",
                "      QUARKUS_HTTP_PORT: \"8081\"\n      QUARKUS_MAILER_HOST: smtp.example.com\n").root();

        assertThat(ComposeFile.problems(resolved(broken), services)).singleElement().asString()
                .startsWith("service backup-worker sets QUARKUS_MAILER_HOST: neither");
    }

    @Test
    void anUnpinnedImageIsReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp)
                .replace(ComposeFile.FILE, "image: postgres:15.18\n", "image: postgres:15\n")
                .replace(ComposeFile.FILE, "image: apache/kafka:4.3.1\n", "image: apache/kafka\n").root();

        assertThat(ComposeFile.problems(resolved(broken), services)).containsExactlyInAnyOrder(
                "service postgres: image postgres:15: tag 15 names no version (at least major.minor, or a digest)",
                "service kafka: image apache/kafka has no tag (that is latest)");
    }

    private static String resolved(Path root) {
        CheckTools.Result result = ComposeFile.config(root, ComposeFile.REQUIRED, false);
        assertThat(result.ok()).as("docker-compose config: %s", result.output()).isTrue();
        return result.output();
    }
}
