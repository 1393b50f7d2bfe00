package io.arca.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lag arithmetic KEDA's Kafka scaler uses (offsetResetPolicy earliest, scaleToZeroOnInvalidOffset false). */
class ConsumerLagTest {

    @Test
    void sumsEndMinusCommittedOverPartitions() {
        assertThat(ConsumerLag.total(Map.of(0, 10L, 1, 7L, 2, 3L), Map.of(0, 4L, 1, 7L, 2, 1L))).isEqualTo(6 + 0 + 2);
    }

    @Test
    void aPartitionWithoutCommittedOffsetCountsItsEndOffset() {
        // KEDA returns the latest offset for an invalid (absent) committed offset under "earliest", not end - beginning
        assertThat(ConsumerLag.total(Map.of(0, 10L, 1, 5L), Map.of(0, 10L))).isEqualTo(5);
        assertThat(ConsumerLag.total(Map.of(0, 10L), Map.of(0, -1L))).isEqualTo(10);
    }

    @Test
    void committedOffsetsOfPartitionsNotOnTheTopicDoNotCount() {
        assertThat(ConsumerLag.total(Map.of(0, 3L), Map.of(0, 3L, 7, 1L))).isZero();
    }

    @Test
    void aCommittedOffsetPastTheEndCountsZeroNotNegative() {
        // offsets are read in two calls: a commit can land between them
        assertThat(ConsumerLag.total(Map.of(0, 5L, 1, 4L), Map.of(0, 6L, 1, 2L))).isEqualTo(2);
    }

    @Test
    void anEmptyTopicHasNoLag() {
        assertThat(ConsumerLag.total(Map.of(0, 0L, 1, 0L), Map.of())).isZero();
    }
}
