package io.arca.system;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory, for tests that read the repository's own files (docs, deploy files, jars). */
public final class RepoRoot {

    private RepoRoot() {
    }

    /** The surefire property {@code arca.repo} (system-tests' pom sets it), else the first parent holding mvnw. */
    public static Path path() {
        String configured = System.getProperty("arca.repo");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root (with mvnw) not found (system property arca.repo)");
        }
        return dir;
    }
}
