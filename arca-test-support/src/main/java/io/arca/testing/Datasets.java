package io.arca.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Public datasets some tests load (pagila), read from {@code ARCA_DATASETS_DIR} or from {@code ../shared/datasets}
 * next to the repository.
 *
 * <p>A dataset that is not there skips the test, saying why - a user's clone has no {@code ../shared}. Where the
 * datasets are meant to be present ({@code ARCA_DATASETS_DIR} is set, or {@code ../shared} exists, as on the
 * project's machines) and {@code ARCA_REQUIRE_INFRA=true} (set by {@code deploy/local/arca-local test} and CI), a
 * missing file fails the test instead, so a broken setup can never pass as "skipped".
 */
public final class Datasets {
    private static final List<String> PAGILA_FILES = List.of("pagila-schema.sql", "pagila-data.sql");

    private Datasets() {
    }

    /** The directory holding {@code pagila-schema.sql} and {@code pagila-data.sql}; skips or fails when absent. */
    public static Path requirePagila() {
        return require("pagila", PAGILA_FILES, System.getenv(), repositoryRoot());
    }

    static Path require(String dataset, List<String> files, Map<String, String> env, Path repository) {
        String configured = env.get("ARCA_DATASETS_DIR");
        boolean explicit = configured != null && !configured.isBlank();
        Path shared = repository.resolveSibling("shared");
        Path datasets = explicit ? Path.of(configured) : shared.resolve("datasets");
        // ARCA_DATASETS_DIR may name the datasets directory or the dataset's own directory
        Path dir = Files.isRegularFile(datasets.resolve(files.get(0))) ? datasets : datasets.resolve(dataset);
        List<String> missing = files.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
        if (missing.isEmpty()) {
            return dir;
        }
        String problem = "dataset " + dataset + ": " + dir.toAbsolutePath() + " has no " + String.join(", ", missing);
        boolean expected = explicit || Files.isDirectory(shared);
        if (expected && "true".equalsIgnoreCase(env.get("ARCA_REQUIRE_INFRA"))) {
            throw new IllegalStateException(problem + " (ARCA_REQUIRE_INFRA=true and "
                    + (explicit ? "ARCA_DATASETS_DIR is set" : shared.toAbsolutePath() + " exists")
                    + ", so the dataset must be there)");
        }
        Assumptions.abort(problem + "; set ARCA_DATASETS_DIR to the directory holding " + dataset + "/, or put it at "
                + "../shared/datasets/" + dataset + " next to the repository");
        throw new AssertionError("unreachable");
    }

    /** The surefire property {@code arca.repo}, else the first parent of the working directory holding mvnw. */
    static Path repositoryRoot() {
        String configured = System.getProperty("arca.repo");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        return start;
    }
}
