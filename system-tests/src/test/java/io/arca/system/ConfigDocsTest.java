package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Configuration documents that cannot drift from the code. The keys Arca reads are the {@code arca.*} keys of the
 * {@code @ConfigMapping} interfaces ({@link ConfigMappings}); docs/operations.md's configuration reference must list
 * exactly those, a module's README and application.properties only keys that module reads. Quarkus' own keys
 * ({@code quarkus.*}, {@code kafka.bootstrap.servers}) are not checked. Needs no infrastructure.
 */
class ConfigDocsTest {
    private static Path repo;
    private static ConfigMappings mappings;

    @BeforeAll
    static void scan() throws IOException {
        repo = ServiceProcess.repo();
        mappings = ConfigMappings.scan(repo);
    }

    @Test
    void configurationReferenceDocumentsExactlyTheKeysTheMappingsRead() throws IOException {
        Set<String> documented = arcaKeys(DocumentedKeys.in(repo.resolve("docs/operations.md")));
        Set<String> read = mappings.all();

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(minus(read, documented)).as("keys a @ConfigMapping reads that docs/operations.md's "
                + "configuration reference does not document").isEmpty();
        softly.assertThat(minus(documented, read)).as("keys docs/operations.md's configuration reference documents "
                + "that no @ConfigMapping reads").isEmpty();
        softly.assertAll();
    }

    @Test
    void moduleReadmesDocumentOnlyKeysTheirModuleReads() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (String module : mappings.modules()) {
            Path readme = repo.resolve(module).resolve("README.md");
            if (Files.exists(readme)) {
                Set<String> documented = arcaKeys(DocumentedKeys.in(readme));
                softly.assertThat(minus(documented, mappings.readBy(module)))
                        .as("keys %s/README.md documents that %s does not read", module, module).isEmpty();
            }
        }
        softly.assertAll();
    }

    @Test
    void applicationPropertiesSetOnlyKeysTheirModuleReads() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (String module : mappings.modules()) {
            Path file = repo.resolve(module).resolve("src/main/resources/application.properties");
            if (Files.exists(file)) {
                softly.assertThat(minus(arcaKeys(propertyNames(file)), mappings.readBy(module)))
                        .as("keys %s sets in %s that it does not read", module, repo.relativize(file)).isEmpty();
            }
        }
        softly.assertAll();
    }

    /** What the tests above rely on: an {@code arca.*} key read any other way would pass them undocumented. */
    @Test
    void arcaKeysAreReadThroughMappingsOnly() throws IOException {
        Set<String> injected = new TreeSet<>();
        for (String module : mappings.modules()) {
            try (Stream<Path> files = Files.walk(repo.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (Files.readString(file).matches("(?s).*@ConfigProperty\\(\\s*name\\s*=\\s*\"arca\\..*")) {
                        injected.add(repo.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(injected).as("sources that inject an arca.* key with @ConfigProperty instead of a @ConfigMapping")
                .isEmpty();
    }

    /** Keys set in a properties file, with any {@code %profile.} prefix removed. */
    private static Set<String> propertyNames(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        Set<String> names = new TreeSet<>();
        properties.stringPropertyNames().forEach(name -> names.add(name.replaceFirst("^%[^.]+\\.", "")));
        return names;
    }

    private static Set<String> arcaKeys(Set<String> keys) {
        Set<String> arca = new TreeSet<>();
        keys.stream().filter(key -> key.startsWith("arca.")).forEach(arca::add);
        return arca;
    }

    private static Set<String> minus(Set<String> keys, Set<String> others) {
        Set<String> rest = new TreeSet<>(keys);
        rest.removeAll(others);
        return rest;
    }
}
