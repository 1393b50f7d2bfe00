package io.arca.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.worker.config.WorkerConfig;
import io.smallrye.config.WithDefault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The worker's default {@code arca.worker.shutdown-grace} leaves room before the platform kills the container: the
 * release of unfinished jobs and the consumer's leaving the group happen after the grace, so
 * {@code terminationGracePeriodSeconds} (deploy/k8s) and compose's {@code stop_grace_period} of the worker must be at
 * least {@link #MARGIN} longer. Else a scale-down would SIGKILL a worker in the middle of releasing its jobs.
 */
class ShutdownGraceTest {
    static final Duration MARGIN = Duration.ofSeconds(20);
    private static final Pattern K8S = Pattern.compile("(?m)^\\s*terminationGracePeriodSeconds:\\s*(\\d+)");
    private static final Pattern COMPOSE_WORKER = Pattern.compile("(?ms)^  backup-worker:\\n(.*?)(?=^  \\S|\\z)");
    private static final Pattern COMPOSE_GRACE = Pattern.compile("(?m)^\\s*stop_grace_period:\\s*(\\d+)s\\s*$");

    @Test
    void platformWaitsLongerThanTheGracePlusTheRelease() throws Exception {
        Path repo = repo();
        assertThat(problems(defaultGrace(), Files.readString(repo.resolve("deploy/k8s/40-backup-worker.yaml")),
                Files.readString(repo.resolve("docker-compose.yml")))).isEmpty();
    }

    @Test
    void checkFailsOnABrokenCopy() {
        String k8s = "spec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 100\n";
        String compose = "services:\n  backup-worker:\n    image: x\n    stop_grace_period: 60s\n  other:\n"
                + "    stop_grace_period: 500s\n";
        assertThat(problems(Duration.ofSeconds(90), k8s, compose)).containsExactly(
                "deploy/k8s/40-backup-worker.yaml: terminationGracePeriodSeconds 100 < shutdown grace 90 s + 20 s",
                "docker-compose.yml: backup-worker stop_grace_period 60 s < shutdown grace 90 s + 20 s");
        assertThat(problems(Duration.ofSeconds(90), "spec: {}\n", "services: {}\n")).containsExactly(
                "deploy/k8s/40-backup-worker.yaml: no terminationGracePeriodSeconds (Kubernetes' default is 30 s)",
                "docker-compose.yml: no backup-worker service with a stop_grace_period (compose's default is 10 s)");
    }

    static List<String> problems(Duration grace, String k8s, String compose) {
        List<String> problems = new ArrayList<>();
        long needed = grace.plus(MARGIN).toSeconds();
        String need = " < shutdown grace " + grace.toSeconds() + " s + " + MARGIN.toSeconds() + " s";
        Matcher pod = K8S.matcher(k8s);
        if (!pod.find()) {
            problems.add("deploy/k8s/40-backup-worker.yaml: no terminationGracePeriodSeconds "
                    + "(Kubernetes' default is 30 s)");
        } else if (Long.parseLong(pod.group(1)) < needed) {
            problems.add("deploy/k8s/40-backup-worker.yaml: terminationGracePeriodSeconds " + pod.group(1) + need);
        }
        Matcher worker = COMPOSE_WORKER.matcher(compose);
        Matcher stop = worker.find() ? COMPOSE_GRACE.matcher(worker.group(1)) : null;
        if (stop == null || !stop.find()) {
            problems.add("docker-compose.yml: no backup-worker service with a stop_grace_period "
                    + "(compose's default is 10 s)");
        } else if (Long.parseLong(stop.group(1)) < needed) {
            problems.add("docker-compose.yml: backup-worker stop_grace_period " + stop.group(1) + " s" + need);
        }
        return problems;
    }

    private static Duration defaultGrace() throws NoSuchMethodException {
        String value = WorkerConfig.class.getMethod("shutdownGrace").getAnnotation(WithDefault.class).value();
        return Duration.parse("PT" + value.toUpperCase());
    }

    private static Path repo() {
        Path dir = Path.of(System.getProperty("arca.repo", "")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
