package io.arca.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/k8s and the example overlay deploy/k8s-overlays/production: rendered by {@code kubectl kustomize} (skipped,
 * saying so, where kubectl is absent outside the test command), parsed strictly into fabric8's model and checked by
 * {@link KubernetesCheck}. Each check also fails on a broken copy of the base.
 */
class KubernetesManifestsTest {
    private static final String BASE = "deploy/k8s";
    private static final String WORKER = "deploy/k8s/40-backup-worker.yaml";
    private static final String SCALED = "deploy/k8s/50-backup-worker-scaledobject.yaml";

    private final ArcaServices services = ArcaServices.of();

    @ParameterizedTest
    @ValueSource(strings = {BASE, "deploy/k8s-overlays/production"})
    void rendersParsesStrictlyAndPassesEveryCheck(String kustomization) {
        KubernetesManifests manifests = render(services.repo(), kustomization);

        assertThat(manifests.deployments()).hasSize(3);
        assertThat(manifests.scaledObjects()).hasSize(1);
        assertThat(KubernetesCheck.problems(manifests, services)).isEmpty();
    }

    /** kustomize itself refuses a resource file that is not YAML of a resource: the render fails, saying which. */
    @Test
    void aKustomizationNamingAMissingFileFailsToRender(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp)
                .replace(BASE + "/kustomization.yaml", "  - 60-pod-disruption-budgets.yaml\n", "  - 60-pdb.yaml\n")
                .root();

        CheckTools.Result result = KubernetesManifests.kustomize(broken, BASE);

        assertThat(result.ok()).isFalse();
        assertThat(result.output()).contains("60-pdb.yaml");
    }

    /** fabric8 would keep a misspelt field in additionalProperties; the strict parse names it and where. */
    @Test
    void anUnknownFieldIsReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp)
                .replace(WORKER, "            periodSeconds: 5\n", "            periodSecond: 5\n").root();

        assertThat(KubernetesCheck.problems(render(broken, BASE), services)).containsExactly(
                "Deployment/backup-worker.spec.template.spec.containers[0].readinessProbe: unknown field(s) "
                        + "[periodSecond]");
    }

    /** envFrom accepts any key: a misspelt one configures nothing, and only the key check notices. */
    @Test
    void aConfigMapKeyNoServiceReadsIsReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp).replace("deploy/k8s/10-configmap.yaml",
                "  ARCA_STORAGE_BUCKET: arca\n", "  ARCA_STORAGE_BUCKETS: arca\n").root();

        assertThat(KubernetesCheck.problems(render(broken, BASE), services)).containsExactly(
                "ConfigMap/arca-config sets ARCA_STORAGE_BUCKETS, which none of [api-service, backup-worker, "
                        + "scheduler-service] reads (ARCA_STORAGE_BUCKETS: no arca.* key of api-service's "
                        + "@ConfigMapping interfaces (or of the libraries it depends on) has this environment name)");
    }

    @Test
    void aSelectorThatMissesItsPodsAndAWrongProbeAreReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp)
                .replace(WORKER, "        app.kubernetes.io/name: backup-worker\n        app.kubernetes.io/part-of",
                        "        app.kubernetes.io/name: worker\n        app.kubernetes.io/part-of")
                .replace(WORKER, "path: /q/health/live", "path: /q/health").root();

        assertThat(KubernetesCheck.problems(render(broken, BASE), services)).containsExactly(
                "Deployment/backup-worker: selector {app.kubernetes.io/name=backup-worker} does not match its pod "
                        + "template's labels {app.kubernetes.io/name=worker, app.kubernetes.io/part-of=arca}",
                "Deployment/backup-worker: livenessProbe requests /q/health, not /q/health/live",
                "Deployment/backup-worker: no PodDisruptionBudget selects its pods (a node drain could evict all of "
                        + "them at once)");
    }

    @Test
    void aServiceSelectingNothingAndAnUnpinnedImageAreReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp)
                .replace("deploy/k8s/30-api-service.yaml", "  selector:\n    app.kubernetes.io/name: api-service\n",
                        "  selector:\n    app.kubernetes.io/name: api\n")
                .replace("deploy/k8s/45-scheduler-service.yaml", "scheduler-service:0.1.0", "scheduler-service:latest")
                .root();

        assertThat(KubernetesCheck.problems(render(broken, BASE), services)).containsExactly(
                "Deployment/scheduler-service: image ghcr.io/arca-backup/scheduler-service:latest is latest",
                "Service/api-service: selector {app.kubernetes.io/name=api} selects no Deployment's pods");
    }

    @Test
    void aMissingDisruptionBudgetIsReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp)
                .replace(BASE + "/kustomization.yaml", "  - 60-pod-disruption-budgets.yaml\n", "").root();

        assertThat(KubernetesCheck.problems(render(broken, BASE), services)).containsExactly(
                "Deployment/api-service: no PodDisruptionBudget selects its pods (a node drain could evict all of "
                        + "them at once)",
                "Deployment/backup-worker: no PodDisruptionBudget selects its pods (a node drain could evict all of "
                        + "them at once)",
                "Deployment/scheduler-service: no PodDisruptionBudget selects its pods (a node drain could evict all "
                        + "of them at once)");
    }

    @Test
    void aScaledObjectOnTheWrongTopicGroupOrBrokersOrPastThePartitionsIsReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp)
                .replace(SCALED, "topic: backup.jobs\n", "topic: backup.events\n")
                .replace(SCALED, "consumerGroup: arca-workers\n", "consumerGroup: arca-worker\n")
                .replace(SCALED, "bootstrapServers: kafka.kafka.svc:9092\n", "bootstrapServers: kafka:9092\n")
                .replace(SCALED, "maxReplicaCount: 12\n", "maxReplicaCount: 20\n").root();

        assertThat(KubernetesCheck.problems(render(broken, BASE), services)).containsExactly(
                "ScaledObject/backup-worker: maxReplicaCount 20 is not the partition count 12 (ARCA_TOPICS_PARTITIONS)",
                "ScaledObject/backup-worker: kafka trigger topic backup.events is not backup.jobs (the default of "
                        + "arca.topics.jobs)",
                "ScaledObject/backup-worker: kafka trigger consumerGroup arca-worker is not arca-workers (the worker's "
                        + "mp.messaging.incoming.jobs.group.id)",
                "ScaledObject/backup-worker: kafka trigger bootstrapServers kafka:9092 is not kafka.kafka.svc:9092 (the "
                        + "services' KAFKA_BOOTSTRAP_SERVERS in arca-config)");
    }

    @Test
    void aScaledObjectTargetingAnotherDeploymentIsReported(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp)
                .replace(SCALED, "  scaleTargetRef:\n    name: backup-worker\n",
                        "  scaleTargetRef:\n    name: scheduler-service\n").root();

        assertThat(KubernetesCheck.problems(render(broken, BASE), services)).containsExactly(
                "expected one ScaledObject, scaling Deployment backup-worker; found 1 of which 0 target(s) it "
                        + "(spec.scaleTargetRef)");
    }

    private static KubernetesManifests render(Path root, String kustomization) {
        CheckTools.Result result = KubernetesManifests.kustomize(root, kustomization);
        assertThat(result.ok()).as("kubectl kustomize %s: %s", kustomization, result.output()).isTrue();
        return KubernetesManifests.parse(result.output());
    }
}
