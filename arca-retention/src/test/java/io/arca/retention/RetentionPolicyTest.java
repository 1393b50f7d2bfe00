package io.arca.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static RetentionPolicy policy(Integer last, Integer daily, String within, Integer minKeep) {
        return new RetentionPolicy(last, null, daily, null, null, null, within, minKeep);
    }

    @Test
    void aPolicyThatKeepsNothingIsRefusedUnlessMinKeepSaysSo() {
        assertThatThrownBy(() -> policy(null, null, null, null).validated())
                .isInstanceOf(InvalidRetentionPolicyException.class).hasMessageContaining("keeps nothing");
        assertThatThrownBy(() -> policy(0, 0, null, 0).validated())
                .hasMessageContaining("keeps nothing");
        assertThat(policy(null, null, null, 1).validated().minKeep()).isEqualTo(1);
    }

    @Test
    void countsMustBeSane() {
        assertThatThrownBy(() -> policy(-1, null, null, null).validated())
                .isInstanceOfSatisfying(InvalidRetentionPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("keepLast"));
        assertThatThrownBy(() -> policy(null, RetentionPolicy.MAX_COUNT + 1, null, null).validated())
                .isInstanceOfSatisfying(InvalidRetentionPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("keepDaily"));
        assertThatThrownBy(() -> policy(3, null, null, -2).validated())
                .isInstanceOfSatisfying(InvalidRetentionPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("minKeep"));
    }

    @Test
    void keepWithinIsAPositiveIsoDuration() {
        assertThat(policy(null, null, "P30D", null).validated().within()).isEqualTo(Duration.ofDays(30));
        assertThat(policy(null, null, "PT36H", null).validated().within()).isEqualTo(Duration.ofHours(36));
        assertThatThrownBy(() -> policy(null, null, "30 days", null).validated())
                .isInstanceOfSatisfying(InvalidRetentionPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("keepWithin"));
        assertThatThrownBy(() -> policy(null, null, "P1Y", null).validated()).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> policy(null, null, "PT0S", null).validated()).hasMessageContaining("positive");
        assertThatThrownBy(() -> policy(null, null, "P99999D", null).validated()).hasMessageContaining("at most");
    }
}
