package io.arca.system.deploy;

import io.arca.jobs.cdi.TopicsConfig;
import io.arca.system.ConfigMappings;
import io.arca.system.RepoRoot;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the code of the repository says about its three services, the facts the deploy files must agree with: each
 * service's HTTP port and the keys it reads, the job topic, the workers' consumer group, the partition count. Always
 * read from the real repository (a broken copy of the deploy files is checked against the real code).
 */
final class ArcaServices {
    /** The service modules; each is also its image's name, its Dockerfile's, its compose service's and Deployment's. */
    static final List<String> MODULES = List.of("api-service", "backup-worker", "scheduler-service");
    static final String WORKER = "backup-worker";

    private static ArcaServices instance;

    private final Path repo;
    private final ConfigMappings mappings;

    private ArcaServices(Path repo, ConfigMappings mappings) {
        this.repo = repo;
        this.mappings = mappings;
    }

    static synchronized ArcaServices of() {
        if (instance == null) {
            Path repo = RepoRoot.path();
            try {
                instance = new ArcaServices(repo, ConfigMappings.scan(repo));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    Path repo() {
        return repo;
    }


    ConfigMappings mappings() {
        return mappings;
    }

    /** quarkus.http.port of the module's application.properties: the port its image exposes and its probes hit. */
    int httpPort(String module) {
        return Integer.parseInt(property(module, "quarkus.http.port"));
    }

    /** The workers' consumer group of the job topic (KEDA must measure the lag of this group). */
    String workerConsumerGroup() {
        return property(WORKER, "mp.messaging.incoming.jobs.group.id");
    }

    /** The job topic when nothing overrides it: the default of arca.topics.jobs. */
    String jobsTopic() {
        return defaultOf("jobs");
    }

    /** The partition count when nothing overrides it: the default of arca.topics.partitions. */
    int partitions() {
        return Integer.parseInt(defaultOf("partitions"));
    }

    /** Keys the module's application.properties sets, without their profile ({@code %test.x} counts as {@code x}). */
    Set<String> propertyKeys(String module) {
        Set<String> keys = new TreeSet<>();
        for (String name : properties(module).stringPropertyNames()) {
            keys.add(name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name);
        }
        return keys;
    }

    /** The artifactIds the module's pom and the poms of the repository modules it depends on name. */
    String pomsOf(String module) {
        StringBuilder poms = new StringBuilder();
        for (String m : mappings.withDependencies(module)) {
            try {
                poms.append(Files.readString(repo.resolve(m).resolve("pom.xml")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return poms.toString();
    }

    private String property(String module, String key) {
        String value = properties(module).getProperty(key);
        if (value == null) {
            throw new IllegalStateException(module + "'s application.properties does not set " + key);
        }
        return value.trim();
    }

    private Properties properties(String module) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(repo.resolve(module)
                .resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String defaultOf(String method) {
        try {
            return TopicsConfig.class.getMethod(method).getAnnotation(WithDefault.class).value();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("TopicsConfig has no " + method + "()", e);
        }
    }
}
