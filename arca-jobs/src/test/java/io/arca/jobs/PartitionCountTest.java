package io.arca.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.jobs.relay.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One partition count everywhere: the topics a relay creates, the local broker's default, docker-compose's broker,
 * and KEDA's maxReplicaCount (a worker beyond the job topic's partition count would get no partition).
 */
class PartitionCountTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyFileThatStatesThePartitionCountStatesTheSameOne() throws IOException {
        assertThat(number("deploy/local/lib/kafka.sh", "(?m)^num\\.partitions=(\\d+)$"))
                .isEqualTo(Topics.DEFAULT_PARTITIONS);
        assertThat(number("docker-compose.yml", "KAFKA_NUM_PARTITIONS: (\\d+)")).isEqualTo(Topics.DEFAULT_PARTITIONS);
        assertThat(number("deploy/k8s/50-backup-worker-scaledobject.yaml", "maxReplicaCount: (\\d+)"))
                .isEqualTo(Topics.DEFAULT_PARTITIONS);
    }

    private static int number(String file, String regex) throws IOException {
        String text = Files.readString(REPO.resolve(file));
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s states %s", file, regex).isTrue();
        int value = Integer.parseInt(m.group(1));
        assertThat(m.find()).as("%s states %s only once", file, regex).isFalse();
        return value;
    }
}
