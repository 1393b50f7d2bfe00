package io.arca.worker.metrics;

import java.util.Map;

/**
 * The lag of a consumer group on one topic, computed as KEDA's Kafka scaler computes it for a trigger with
 * {@code offsetResetPolicy: earliest} and {@code scaleToZeroOnInvalidOffset: false} (deploy/k8s's ScaledObject): the
 * sum over the topic's partitions of end offset minus committed offset, where a partition without a committed
 * offset counts its whole end offset (KEDA's "invalid offset, earliest" branch). So the worker's gauge and the
 * scaler's input are the same number. Pure arithmetic: the offsets come from the Kafka admin client.
 */
public final class ConsumerLag {
    private ConsumerLag() {
    }

    /**
     * @param endOffsets       end (latest) offset per partition of the topic: every partition, consumed or not
     * @param committedOffsets the group's committed offset per partition; absent for a partition never committed
     * @return the summed lag, never negative per partition (a committed offset past the end, seen briefly while
     *     offsets are read one call after the other, counts 0)
     */
    public static long total(Map<Integer, Long> endOffsets, Map<Integer, Long> committedOffsets) {
        long lag = 0;
        for (Map.Entry<Integer, Long> partition : endOffsets.entrySet()) {
            long end = partition.getValue();
            Long committed = committedOffsets.get(partition.getKey());
            lag += committed == null || committed < 0 ? end : Math.max(0, end - committed);
        }
        return lag;
    }
}
