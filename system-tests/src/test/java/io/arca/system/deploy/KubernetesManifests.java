package io.arca.system.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The manifests a kustomization renders ({@code kubectl kustomize DIR}, the only kubectl subcommand ever run: any
 * other would talk to a cluster, and with no kubeconfig that is localhost:8080, Arca's API), parsed strictly into
 * fabric8's kubernetes model. KEDA's ScaledObject is a custom resource the model does not know: it stays generic YAML
 * and {@link KubernetesCheck} checks the fields Arca relies on. Any other kind the model does not know is a problem.
 */
record KubernetesManifests(List<Deployment> deployments, List<Service> services, List<ConfigMap> configMaps,
        List<PodDisruptionBudget> disruptionBudgets, List<Map<String, Object>> scaledObjects, List<String> problems) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static CheckTools.Result kustomize(Path root, String directory) {
        return CheckTools.run(Duration.ofMinutes(1), root,
                List.of(CheckTools.kubectl().toString(), "kustomize", directory));
    }

    static KubernetesManifests parse(String rendered) {
        KubernetesManifests manifests = new KubernetesManifests(new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (String document : rendered.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                manifests.add(document);
            }
        }
        return manifests;
    }

    private void add(String document) {
        Map<String, Object> yaml = Yaml.documents(document).getFirst();
        String kind = Yaml.text(yaml, "kind");
        String name = kind + "/" + Yaml.text(yaml, "metadata", "name");
        if (String.valueOf(Yaml.text(yaml, "apiVersion")).startsWith("keda.sh/") && "ScaledObject".equals(kind)) {
            scaledObjects.add(yaml);
            return;
        }
        HasMetadata resource;
        try {
            resource = SERIALIZATION.unmarshal(document, HasMetadata.class);
        } catch (RuntimeException e) {
            problems.add(name + ": does not parse as a Kubernetes resource: " + e.getMessage());
            return;
        }
        if (resource instanceof GenericKubernetesResource) {
            problems.add(name + ": apiVersion " + Yaml.text(yaml, "apiVersion") + " kind " + kind
                    + " is unknown to the Kubernetes model (a typo, or a custom resource this check does not know)");
            return;
        }
        problems.addAll(StrictModel.unknownFields(resource, name));
        switch (resource) {
            case Deployment d -> deployments.add(d);
            case Service s -> services.add(s);
            case ConfigMap c -> configMaps.add(c);
            case PodDisruptionBudget p -> disruptionBudgets.add(p);
            default -> {
                // namespaces and the like: parsed strictly, nothing more to check
            }
        }
    }
}
