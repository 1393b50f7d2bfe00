package io.arca.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every place that states the partition count of Arca's topics, and what each says (null where it says nothing).
 * They must agree: the relay creates topics with arca.topics.partitions, a broker auto-creates them with its
 * num.partitions, and KEDA must not scale the workers past the job topic's partitions.
 */
final class PartitionCounts {
    static final String KAFKA_SH = "deploy/local/lib/kafka.sh";
    static final String K8S = "deploy/k8s";
    private static final Pattern NUM_PARTITIONS = Pattern.compile("(?m)^num\\.partitions=(\\d+)\\s*$");

    private PartitionCounts() {
    }

    /** Place → the count it states, in a fixed order; the code's default first. */
    static Map<String, String> stated(Path root, ArcaServices services) {
        Map<String, String> stated = new LinkedHashMap<>();
        stated.put("arca.topics.partitions default (TopicsConfig)", String.valueOf(services.partitions()));
        stated.put(KAFKA_SH + " num.partitions", kafkaSh(root.resolve(KAFKA_SH)));
        stated.put(ComposeFile.FILE + " kafka KAFKA_NUM_PARTITIONS", Yaml.text(Yaml.documents(
                root.resolve(ComposeFile.FILE)).getFirst(), "services", "kafka", "environment",
                "KAFKA_NUM_PARTITIONS"));
        List<Map<String, Object>> k8s = k8sDocuments(root.resolve(K8S));
        stated.put(K8S + " ConfigMap arca-config ARCA_TOPICS_PARTITIONS", k8s.stream()
                .filter(d -> "ConfigMap".equals(Yaml.text(d, "kind"))
                        && "arca-config".equals(Yaml.text(d, "metadata", "name")))
                .map(d -> Yaml.text(d, "data", "ARCA_TOPICS_PARTITIONS")).filter(Objects::nonNull).findFirst()
                .orElse(null));
        stated.put(K8S + " ScaledObject maxReplicaCount", k8s.stream()
                .filter(d -> "ScaledObject".equals(Yaml.text(d, "kind")))
                .map(d -> Yaml.text(d, "spec", "maxReplicaCount")).filter(Objects::nonNull).findFirst().orElse(null));
        return stated;
    }

    private static String kafkaSh(Path file) {
        try {
            Matcher m = NUM_PARTITIONS.matcher(Files.readString(file));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> k8sDocuments(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .flatMap(f -> Yaml.documents(f).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
