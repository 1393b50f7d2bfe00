package io.arca.system.deploy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a service reads an environment variable a deploy file sets for it. MicroProfile Config reads a key from
 * the environment under its name with every character other than a letter or digit replaced by {@code _}, upper
 * case ({@code arca.topics.jobs-dlq} from {@code ARCA_TOPICS_JOBS_DLQ}); a variable whose name matches no key the
 * service reads is set for nothing, usually a typo or a leftover.
 * <ul>
 * <li>{@code ARCA_*}: an {@code arca.*} key of a {@code @ConfigMapping} of the module or a library it depends on;</li>
 * <li>anything else: a key the module's application.properties sets ({@code quarkus.http.port},
 * {@code kafka.bootstrap.servers}, ...), or one of {@link #EXTENSION_KEYS}, keys that belong in the environment only
 * (credentials, endpoints) and that an extension the module depends on reads.</li>
 * </ul>
 */
final class EnvironmentKeys {
    /** Key → the extension (artifactId) that reads it. Kept small: add a key here only with its extension. */
    static final Map<String, String> EXTENSION_KEYS = Map.of(
            "quarkus.minio.url", "quarkus-minio",
            "quarkus.minio.access-key", "quarkus-minio",
            "quarkus.minio.secret-key", "quarkus-minio",
            "quarkus.mailer.host", "quarkus-mailer",
            "quarkus.mailer.port", "quarkus-mailer",
            "quarkus.mailer.start-tls", "quarkus-mailer",
            "quarkus.mailer.from", "quarkus-mailer",
            "quarkus.mailer.username", "quarkus-mailer",
            "quarkus.mailer.password", "quarkus-mailer");

    private EnvironmentKeys() {
    }

    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** Why {@code module} does not read {@code variable}, or empty when it does. */
    static Optional<String> unread(ArcaServices services, String module, String variable) {
        if (variable.startsWith("ARCA_")) {
            return matches(services.mappings().readBy(module), variable) ? Optional.empty()
                    : Optional.of(variable + ": no arca.* key of " + module + "'s @ConfigMapping interfaces (or of "
                            + "the libraries it depends on) has this environment name");
        }
        if (matches(services.propertyKeys(module), variable)) {
            return Optional.empty();
        }
        String poms = services.pomsOf(module);
        boolean known = EXTENSION_KEYS.entrySet().stream().anyMatch(e -> environmentName(e.getKey()).equals(variable)
                && poms.contains("<artifactId>" + e.getValue() + "</artifactId>"));
        return known ? Optional.empty() : Optional.of(variable + ": neither a key of " + module
                + "'s application.properties nor a key of an extension it uses (EnvironmentKeys.EXTENSION_KEYS)");
    }

    private static boolean matches(Set<String> keys, String variable) {
        return keys.stream().anyMatch(key -> environmentName(key).equals(variable));
    }
}
