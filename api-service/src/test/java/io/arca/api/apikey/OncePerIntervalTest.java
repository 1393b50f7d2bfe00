package io.arca.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OncePerIntervalTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final OncePerInterval<String> gate = new OncePerInterval<>(Duration.ofMinutes(1), nanos::get);

    @Test
    void firstCallIsDueThenNotUntilTheIntervalHasPassed() {
        assertThat(gate.due("a")).isTrue();
        assertThat(gate.due("a")).isFalse();
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(gate.due("a")).isFalse();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(gate.due("a")).isTrue();
        assertThat(gate.due("a")).isFalse();
    }

    @Test
    void keysAreIndependent() {
        assertThat(gate.due("a")).isTrue();
        assertThat(gate.due("b")).isTrue();
        assertThat(gate.due("a")).isFalse();
    }

    @Test
    void aForgottenKeyIsDueAgain() {
        assertThat(gate.due("a")).isTrue();
        gate.forget("a");
        assertThat(gate.due("a")).isTrue();
    }
}
