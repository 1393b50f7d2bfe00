package io.arca.system.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rendered manifests must say, beyond parsing: selectors that select the pods, Services that reach pods
 * that exist on a port those pods have, the probes on /q/health/*, a PodDisruptionBudget for the worker and for any
 * Deployment with more than one replica, pinned images, environment variables the services read
 * ({@link KubernetesEnvironment}), and a KEDA ScaledObject that scales the worker Deployment on
 * the lag of the workers' consumer group on the job topic, on the brokers the services use, up to the partition count.
 */
final class KubernetesCheck {
    private static final String CONFIG_MAP = "arca-config";

    private KubernetesCheck() {
    }

    static List<String> problems(KubernetesManifests manifests, ArcaServices services) {
        List<String> problems = new ArrayList<>(manifests.problems());
        Map<String, String> config = manifests.configMaps().stream()
                .filter(c -> CONFIG_MAP.equals(c.getMetadata().getName())).findFirst().map(ConfigMap::getData)
                .orElse(null);
        if (config == null) {
            problems.add("ConfigMap/" + CONFIG_MAP + " is missing");
            config = Map.of();
        }
        for (String module : ArcaServices.MODULES) {
            Optional<Deployment> deployment = manifests.deployments().stream()
                    .filter(d -> module.equals(d.getMetadata().getName())).findFirst();
            if (deployment.isEmpty()) {
                problems.add("Deployment/" + module + " is missing");
            } else {
                problems.addAll(DeploymentCheck.problems(deployment.get(), module, services.httpPort(module),
                        manifests.configMaps()));
            }
        }
        for (Deployment deployment : manifests.deployments()) {
            boolean needsBudget = ArcaServices.WORKER.equals(deployment.getMetadata().getName())
                    || Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1) > 1;
            if (needsBudget && manifests.disruptionBudgets().stream().noneMatch(b -> selects(b, deployment))) {
                problems.add("Deployment/" + deployment.getMetadata().getName() + ": no PodDisruptionBudget selects "
                        + "its pods (a node drain could evict all of them at once)");
            }
        }
        manifests.services().forEach(service -> problems.addAll(serviceProblems(service, manifests.deployments())));
        problems.addAll(KubernetesEnvironment.problems(manifests, services));
        problems.addAll(ScaledObjectCheck.problems(manifests.scaledObjects(), services, config));
        return problems;
    }

    private static boolean selects(PodDisruptionBudget budget, Deployment deployment) {
        Map<String, String> selector = budget.getSpec().getSelector() == null ? null
                : budget.getSpec().getSelector().getMatchLabels();
        return DeploymentCheck.matches(selector, deployment.getSpec().getTemplate().getMetadata().getLabels());
    }

    private static List<String> serviceProblems(Service service, List<Deployment> deployments) {
        String name = "Service/" + service.getMetadata().getName();
        List<Deployment> selected = deployments.stream().filter(d -> DeploymentCheck.matches(
                service.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels())).toList();
        if (selected.isEmpty()) {
            return List.of(name + ": selector " + service.getSpec().getSelector() + " selects no Deployment's pods");
        }
        List<String> problems = new ArrayList<>();
        for (ServicePort port : service.getSpec().getPorts()) {
            IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
            for (Deployment deployment : selected) {
                List<ContainerPort> ports = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                        .flatMap(c -> c.getPorts().stream()).toList();
                if (ports.stream().noneMatch(p -> DeploymentCheck.same(target, p))) {
                    problems.add(name + ": targetPort " + DeploymentCheck.text(target) + " is no container port of "
                            + "Deployment/" + deployment.getMetadata().getName());
                }
            }
        }
        return problems;
    }

    /** The Deployment of one service module. */
    static final class DeploymentCheck {
        private DeploymentCheck() {
        }

        static List<String> problems(Deployment deployment, String module, int httpPort, List<ConfigMap> maps) {
            String name = "Deployment/" + module;
            List<String> problems = new ArrayList<>();
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            Map<String, String> selector = deployment.getSpec().getSelector() == null ? null
                    : deployment.getSpec().getSelector().getMatchLabels();
            if (!matches(selector, labels)) {
                problems.add(name + ": selector " + selector + " does not match its pod template's labels " + labels);
            }
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                    .filter(c -> module.equals(c.getName())).findFirst().orElse(null);
            if (container == null) {
                return append(problems, name + ": no container named " + module);
            }
            ImageReference.unpinned(container.getImage()).ifPresent(why -> problems.add(name + ": image " + why));
            ContainerPort http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                    .orElse(null);
            if (http == null || http.getContainerPort() != httpPort) {
                problems.add(name + ": container port \"http\" must be " + httpPort + " (quarkus.http.port)");
            }
            container.getEnv().stream().filter(e -> "QUARKUS_HTTP_PORT".equals(e.getName())).map(EnvVar::getValue)
                    .filter(v -> !String.valueOf(httpPort).equals(v))
                    .forEach(v -> problems.add(name + ": QUARKUS_HTTP_PORT " + v + " is not " + httpPort));
            probe(problems, name, "startupProbe", container.getStartupProbe(), "/q/health/started", container);
            probe(problems, name, "livenessProbe", container.getLivenessProbe(), "/q/health/live", container);
            probe(problems, name, "readinessProbe", container.getReadinessProbe(), "/q/health/ready", container);
            for (EnvFromSource source : container.getEnvFrom()) {
                if (source.getConfigMapRef() != null && maps.stream()
                        .noneMatch(m -> m.getMetadata().getName().equals(source.getConfigMapRef().getName()))) {
                    problems.add(name + ": envFrom names ConfigMap " + source.getConfigMapRef().getName()
                            + ", which the manifests do not define");
                }
            }
            return problems;
        }

        private static void probe(List<String> problems, String name, String kind, Probe probe, String path,
                Container container) {
            if (probe == null || probe.getHttpGet() == null) {
                problems.add(name + ": no " + kind + " (httpGet " + path + ")");
                return;
            }
            if (!path.equals(probe.getHttpGet().getPath())) {
                problems.add(name + ": " + kind + " requests " + probe.getHttpGet().getPath() + ", not " + path);
            }
            IntOrString port = probe.getHttpGet().getPort();
            if (container.getPorts().stream().noneMatch(p -> same(port, p))) {
                problems.add(name + ": " + kind + " port " + text(port) + " is no port of the container");
            }
        }

        static boolean matches(Map<String, String> selector, Map<String, String> labels) {
            return selector != null && !selector.isEmpty() && labels != null
                    && labels.entrySet().containsAll(selector.entrySet());
        }

        static boolean same(IntOrString port, ContainerPort containerPort) {
            return port != null && (port.getIntVal() != null ? port.getIntVal().equals(containerPort.getContainerPort())
                    : Objects.equals(port.getStrVal(), containerPort.getName()));
        }

        static String text(IntOrString port) {
            return port == null ? "(none)" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
        }

        private static List<String> append(List<String> problems, String problem) {
            problems.add(problem);
            return problems;
        }
    }
}
