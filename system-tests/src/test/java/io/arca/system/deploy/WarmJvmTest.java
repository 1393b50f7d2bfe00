package io.arca.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.system.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * deploy/docker/jvm-warm.sh, which chooses the JVM options that start the worker from a training run's cache (the
 * image's entrypoint and arca-local use it): the right kind per JDK, nothing that would stop an older JVM, and a
 * missing, damaged or foreign cache never keeps the JVM from starting.
 */
class WarmJvmTest {
    private static final Path SCRIPT = RepoRoot.path().resolve("deploy/docker/jvm-warm.sh");
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final int MAJOR = Runtime.version().feature();

    @ParameterizedTest(name = "JDK {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "25 | use   | true  | -XX:AOTCache=DIR/app.aot",
        "25 | use   | false | ''",
        "26 | train | false | -XX:AOTCacheOutput=DIR/app.aot",
        "21 | use   | false | -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=DIR/app.jsa",
        "24 | train | false | -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=DIR/app.jsa",
        "17 | use   | true  | ''",
        "17 | train | false | ''"})
    void theOptionsFollowTheJdkAndWhetherACacheExists(int major, String mode, boolean cacheExists, String expected,
            @TempDir Path dir) throws IOException {
        Path java = fakeJava(dir, major);
        Path cache = Files.createDirectories(dir.resolve("cache"));
        if (cacheExists) {
            Files.write(cache.resolve("app.aot"), new byte[] {1});
        }

        CheckTools.Result result = run(dir, SCRIPT.toString(), mode, java.toString(), cache.toString());

        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output().strip()).isEqualTo(expected.replace("DIR", cache.toString()));
    }

    @Test
    void aJavaWhoseVersionCannotBeToldAndABadCommandAreRefused(@TempDir Path dir) throws IOException {
        Path notJava = dir.resolve("java");
        Files.writeString(notJava, "#!/bin/sh\necho 'no version here'\n");
        Files.setPosixFilePermissions(notJava, PosixFilePermissions.fromString("rwxr-xr-x"));

        CheckTools.Result unknown = run(dir, SCRIPT.toString(), "use", notJava.toString(), dir.toString());
        CheckTools.Result badMode = run(dir, SCRIPT.toString(), "warm", JAVA.toString(), dir.toString());

        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.output()).contains("jvm-warm.sh: cannot tell the version of " + notJava);
        assertThat(badMode.ok()).isFalse();
        assertThat(badMode.output()).contains("usage: jvm-warm.sh use|train <java> <cache-dir>");
    }

    /** This JVM for real: a damaged cache, and one trained for another class path, are reported and ignored. */
    @Test
    void aDamagedOrForeignCacheIsReportedAndTheJvmStillStarts(@TempDir Path dir) throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        String train = run(dir, SCRIPT.toString(), "train", JAVA.toString(), cache.toString()).output().strip();
        if (!train.isEmpty()) {
            // a real cache, made by a run with no application at all (what a worker would find after a rebuild)
            assertThat(run(dir, command(JAVA.toString(), train, "-version")).ok()).isTrue();
        }
        Files.write(cache.resolve(MAJOR >= 25 ? "app.aot.foreign" : "app.jsa.foreign"),
                Files.exists(cache.resolve("app.aot")) ? Files.readAllBytes(cache.resolve("app.aot")) : new byte[0]);
        Files.write(cache.resolve(MAJOR >= 25 ? "app.aot" : "app.jsa"), "not a cache".getBytes());

        String use = run(dir, SCRIPT.toString(), "use", JAVA.toString(), cache.toString()).output().strip();
        CheckTools.Result damaged = run(dir, command(JAVA.toString(), use, "-version"));

        if (MAJOR >= 19) {
            assertThat(use).as("JDK %d uses a cache", MAJOR).isNotEmpty();
        }
        assertThat(damaged.ok()).as(damaged.output()).isTrue();
        assertThat(damaged.output()).contains("version \"" + MAJOR);
        if (MAJOR >= 25) {
            assertThat(damaged.output()).contains("[aot]").contains("Unable to map shared spaces");
            Files.move(cache.resolve("app.aot.foreign"), cache.resolve("app.aot"), StandardCopyOption.REPLACE_EXISTING);
            Path jar = Files.writeString(dir.resolve("Hello.java"), "class Hello { public static void main(String[] a) "
                    + "{ System.out.println(\"hello from the class path\"); } }");
            CheckTools.Result foreign = run(dir, command(JAVA.toString(), use, "-cp", dir.toString(), jar.toString()));
            assertThat(foreign.ok()).as(foreign.output()).isTrue();
            assertThat(foreign.output()).contains("Unable to map shared spaces").contains("hello from the class path");
        }
    }

    private static List<String> command(String java, String options, String... more) {
        List<String> command = new ArrayList<>(List.of(java));
        if (!options.isBlank()) {
            command.addAll(Arrays.asList(options.split(" ")));
        }
        command.addAll(List.of(more));
        return command;
    }

    /** A stand-in for a JDK of the given major version: answers -XshowSettings:properties as java does. */
    private static Path fakeJava(Path dir, int major) throws IOException {
        Path java = dir.resolve("java-" + major);
        Files.writeString(java, "#!/bin/sh\necho 'Property settings:' >&2\n"
                + "echo '    java.specification.version = " + major + "' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    private static CheckTools.Result run(Path dir, String... command) {
        return run(dir, List.of(command));
    }

    private static CheckTools.Result run(Path dir, List<String> command) {
        return CheckTools.run(Duration.ofMinutes(1), dir, command);
    }
}
