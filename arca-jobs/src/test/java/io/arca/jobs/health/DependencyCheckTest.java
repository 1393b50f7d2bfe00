package io.arca.jobs.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Bounded, cached, single-flight, self-healing: what readiness probes of a dependency need. */
class DependencyCheckTest {
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @Test
    void answeringDependencyIsUpAndSetsTheGaugeToOne() {
        DependencyCheck check = new DependencyCheck("kafka", () -> "1 broker(s)", metrics);
        assertThat(check.status()).isEqualTo(new DependencyCheck.Status(true, "1 broker(s)"));
        assertThat(gauge("kafka")).isEqualTo(1.0);
    }

    @Test
    void failingDependencyIsDownWithTheReasonAndSetsTheGaugeToZero() {
        DependencyCheck check = new DependencyCheck("objectstore", () -> {
            throw new IOException("Connection refused");
        }, metrics);
        assertThat(check.status()).isEqualTo(new DependencyCheck.Status(false, "IOException: Connection refused"));
        assertThat(gauge("objectstore")).isZero();
    }

    @Test
    void dependencyThatDoesNotAnswerIsDownAfterTheTimeoutAndProbedOnlyOnceMeanwhile() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        AtomicInteger probes = new AtomicInteger();
        DependencyCheck check = new DependencyCheck("catalog", () -> {
            probes.incrementAndGet();
            hung.await();
            return "late";
        }, metrics, Duration.ofMillis(200), Duration.ZERO);
        assertThat(check.status()).isEqualTo(new DependencyCheck.Status(false, "no answer within 200 ms"));
        // the hung probe is still in flight: asking again does not send a second request
        assertThat(check.status().up()).isFalse();
        assertThat(probes).hasValue(1);
        hung.countDown();
    }

    @Test
    void answerIsCachedSoAFloodOfProbesIsOneRequest() {
        AtomicInteger probes = new AtomicInteger();
        DependencyCheck check = new DependencyCheck("catalog", () -> "ok " + probes.incrementAndGet(), metrics,
                Duration.ofSeconds(2), Duration.ofHours(1));
        for (int i = 0; i < 100; i++) {
            assertThat(check.status().detail()).isEqualTo("ok 1");
        }
        assertThat(probes).hasValue(1);
    }

    @Test
    void downDependencyIsUpAgainAsSoonAsItAnswers() {
        AtomicReference<String> failure = new AtomicReference<>("refused");
        DependencyCheck check = new DependencyCheck("kafka", () -> {
            if (failure.get() != null) {
                throw new IllegalStateException(failure.get());
            }
            return "back";
        }, metrics, Duration.ofSeconds(2), Duration.ZERO);
        assertThat(check.status().up()).isFalse();
        assertThat(gauge("kafka")).isZero();
        failure.set(null);
        assertThat(check.status()).isEqualTo(new DependencyCheck.Status(true, "back"));
        assertThat(gauge("kafka")).isEqualTo(1.0);
    }

    private double gauge(String dependency) {
        return metrics.get("arca.dependency.up").tag("dependency", dependency).gauge().value();
    }
}
