package io.arca.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the repository's deploy files (docker-compose.yml, deploy/ without the local runtime) in a temporary
 * directory, to break one thing in and prove that a check notices. The code facts a check compares with stay the
 * real repository's ({@link ArcaServices}).
 */
final class BrokenCopy {
    private static final List<String> COPIED = List.of(ComposeFile.FILE, "deploy/docker", "deploy/k8s",
            "deploy/k8s-overlays", PartitionCounts.KAFKA_SH);

    private final Path root;

    private BrokenCopy(Path root) {
        this.root = root;
    }

    static BrokenCopy of(Path repo, Path target) {
        for (String path : COPIED) {
            copy(repo.resolve(path), target.resolve(path));
        }
        return new BrokenCopy(target);
    }

    Path root() {
        return root;
    }

    /** Replaces the one occurrence of {@code original} in the file (failing if it is not there exactly once). */
    BrokenCopy replace(String file, String original, String broken) {
        Path path = root.resolve(file);
        try {
            String text = Files.readString(path);
            assertThat(text.split(Pattern.quote(original), -1)).as("%s contains %s once", file,
                    original).hasSize(2);
            Files.writeString(path, text.replace(original, broken));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static void copy(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
