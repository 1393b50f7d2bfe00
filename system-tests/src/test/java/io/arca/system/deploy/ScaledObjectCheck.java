package io.arca.system.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * KEDA's ScaledObject (a custom resource, checked as YAML): it must scale the worker Deployment on the lag of the
 * group the workers consume the job topic in, measured on the brokers the services use, and never past the
 * partition count (a worker beyond it would get no partition: KEDA's own rule, and ours via maxReplicaCount).
 */
final class ScaledObjectCheck {
    private ScaledObjectCheck() {
    }

    static List<String> problems(List<Map<String, Object>> scaledObjects, ArcaServices services,
            Map<String, String> config) {
        List<Map<String, Object>> ofWorker = scaledObjects.stream()
                .filter(s -> ArcaServices.WORKER.equals(Yaml.text(s, "spec", "scaleTargetRef", "name"))).toList();
        List<String> problems = new ArrayList<>();
        if (ofWorker.size() != 1 || scaledObjects.size() != 1) {
            return List.of("expected one ScaledObject, scaling Deployment " + ArcaServices.WORKER + "; found "
                    + scaledObjects.size() + " of which " + ofWorker.size() + " target(s) it (spec.scaleTargetRef)");
        }
        Map<String, Object> scaled = ofWorker.getFirst();
        String name = "ScaledObject/" + Yaml.text(scaled, "metadata", "name");
        String targetKind = Objects.requireNonNullElse(Yaml.text(scaled, "spec", "scaleTargetRef", "kind"),
                "Deployment");
        if (!targetKind.equals("Deployment")) {
            problems.add(name + ": scaleTargetRef.kind " + targetKind + " is not Deployment");
        }
        String partitions = config.get("ARCA_TOPICS_PARTITIONS");
        String max = Yaml.text(scaled, "spec", "maxReplicaCount");
        if (partitions == null) {
            problems.add("ConfigMap/arca-config does not state ARCA_TOPICS_PARTITIONS");
        } else if (!partitions.equals(max)) {
            problems.add(name + ": maxReplicaCount " + max + " is not the partition count " + partitions
                    + " (ARCA_TOPICS_PARTITIONS)");
        }
        List<?> kafka = Yaml.list(scaled, "spec", "triggers").stream()
                .filter(t -> "kafka".equals(Yaml.text(t, "type"))).toList();
        if (kafka.size() != 1) {
            return append(problems, name + ": expected one trigger of type kafka, found " + kafka.size());
        }
        Map<String, Object> metadata = Yaml.map(kafka.getFirst(), "metadata");
        expect(problems, name, "topic", metadata.get("topic"), services.jobsTopic(), "the default of arca.topics.jobs");
        expect(problems, name, "consumerGroup", metadata.get("consumerGroup"), services.workerConsumerGroup(),
                "the worker's mp.messaging.incoming.jobs.group.id");
        expect(problems, name, "bootstrapServers", metadata.get("bootstrapServers"),
                config.get("KAFKA_BOOTSTRAP_SERVERS"), "the services' KAFKA_BOOTSTRAP_SERVERS in arca-config");
        return problems;
    }

    private static void expect(List<String> problems, String name, String field, Object actual, String expected,
            String what) {
        if (!Objects.equals(String.valueOf(actual), expected)) {
            problems.add(name + ": kafka trigger " + field + " " + actual + " is not " + expected + " (" + what + ")");
        }
    }

    private static List<String> append(List<String> problems, String problem) {
        problems.add(problem);
        return problems;
    }
}
