package io.arca.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One partition count: arca.topics.partitions' default, kafka.sh's num.partitions, compose's KAFKA_NUM_PARTITIONS,
 * the k8s ConfigMap's ARCA_TOPICS_PARTITIONS and KEDA's maxReplicaCount. Needs no tool; the check fails on a copy
 * where one place says otherwise, and on one where a place says nothing.
 */
class PartitionCountTest {
    private final ArcaServices services = ArcaServices.of();

    @Test
    void everyPlaceStatesTheSameCount() {
        Map<String, String> stated = PartitionCounts.stated(services.repo(), services);

        assertThat(stated).hasSize(5).doesNotContainValue(null);
        assertThat(new HashSet<>(stated.values())).as("partition counts: %s", stated)
                .containsExactly(String.valueOf(services.partitions()));
    }

    @Test
    void aPlaceThatDisagreesOrSaysNothingShows(@TempDir Path temp) {
        Path broken = BrokenCopy.of(services.repo(), temp)
                .replace(PartitionCounts.KAFKA_SH, "\nnum.partitions=12\n", "\nnum.partitions=8\n")
                .replace("deploy/k8s/10-configmap.yaml", "  ARCA_TOPICS_PARTITIONS: \"12\"\n", "").root();

        Map<String, String> stated = PartitionCounts.stated(broken, services);

        assertThat(stated).containsEntry("deploy/local/lib/kafka.sh num.partitions", "8")
                .containsEntry("deploy/k8s ConfigMap arca-config ARCA_TOPICS_PARTITIONS", null)
                .containsEntry("docker-compose.yml kafka KAFKA_NUM_PARTITIONS", "12");
        assertThat(new HashSet<>(stated.values())).hasSize(3);
    }
}
