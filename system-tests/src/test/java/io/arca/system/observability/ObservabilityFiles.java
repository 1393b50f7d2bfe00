package io.arca.system.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.arca.system.RepoRoot;
import io.arca.system.deploy.CheckTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The files under {@code deploy/observability/} and {@code docs/operations.md} the observability checks read, and the
 * promtool runs over them (and over broken copies, to prove each check can fail).
 */
final class ObservabilityFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ObservabilityFiles() {
    }

    /** The repository root: the surefire property {@code arca.repo}, else the first parent holding {@code mvnw}. */
    static Path repo() {
        return RepoRoot.path();
    }

    static Path alertRules() {
        return repo().resolve("deploy/observability/prometheus/arca-alerts.yml");
    }

    static Path alertTests() {
        return repo().resolve("deploy/observability/prometheus/arca-alerts.test.yml");
    }

    static Path dashboard() {
        return repo().resolve("deploy/observability/grafana/arca-overview.json");
    }

    static Path operationsDoc() {
        return repo().resolve("docs/operations.md");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} with {@code original} replaced, failing when it is not there (the break must happen). */
    static Path writeBroken(Path file, String content, String original, String broken) {
        assertThat(content).as("the text the broken copy of %s replaces", file.getFileName()).contains(original);
        return write(file, content.replace(original, broken));
    }

    /** {@code promtool ARGS...} run in {@code workDir}; relative paths in the arguments and files resolve there. */
    static CheckTools.Result promtool(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(CheckTools.promtool().toString());
        command.addAll(List.of(args));
        return CheckTools.run(Duration.ofSeconds(120), workDir, command);
    }
}
