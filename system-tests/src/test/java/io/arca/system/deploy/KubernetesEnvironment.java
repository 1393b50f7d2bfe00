package io.arca.system.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The environment-key check ({@link EnvironmentKeys}) on the rendered manifests: a variable a service's container
 * sets itself must be one that service reads; a ConfigMap key, loaded by several services through {@code envFrom},
 * must be read by at least one of them (a key none reads is a typo or a leftover that configures nothing).
 */
final class KubernetesEnvironment {
    private KubernetesEnvironment() {
    }

    static List<String> problems(KubernetesManifests manifests, ArcaServices services) {
        List<String> problems = new ArrayList<>();
        for (ConfigMap map : manifests.configMaps()) {
            String name = map.getMetadata().getName();
            List<String> loadedBy = ArcaServices.MODULES.stream()
                    .filter(module -> container(manifests, module) != null && container(manifests, module)
                            .getEnvFrom().stream().anyMatch(e -> e.getConfigMapRef() != null
                                    && name.equals(e.getConfigMapRef().getName())))
                    .toList();
            Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
            for (String variable : loadedBy.isEmpty() ? List.<String>of() : data.keySet()) {
                if (loadedBy.stream().allMatch(m -> EnvironmentKeys.unread(services, m, variable).isPresent())) {
                    problems.add("ConfigMap/" + name + " sets " + variable + ", which none of " + loadedBy
                            + " reads (" + EnvironmentKeys.unread(services, loadedBy.getFirst(), variable).get() + ")");
                }
            }
        }
        for (String module : ArcaServices.MODULES) {
            Container container = container(manifests, module);
            if (container != null) {
                for (EnvVar env : container.getEnv()) {
                    EnvironmentKeys.unread(services, module, env.getName())
                            .ifPresent(why -> problems.add("Deployment/" + module + " sets " + why));
                }
            }
        }
        return problems;
    }

    private static Container container(KubernetesManifests manifests, String module) {
        return manifests.deployments().stream().filter(d -> module.equals(d.getMetadata().getName()))
                .map(Deployment::getSpec).flatMap(spec -> spec.getTemplate().getSpec().getContainers().stream())
                .filter(c -> module.equals(c.getName())).findFirst().orElse(null);
    }
}
