package io.arca.scheduler.metrics;

import java.time.Instant;

/**
 * One source's recovery facts for the per-source gauges, or the aggregate of folded sources.
 *
 * @param lastSuccessSince    end of the newest successful backup; a source that never had one: its creation
 * @param lastRestorableSince newest proof of restorability; never proven: the source's creation
 * @param lastBackupBytes     storedSize of the newest successful backup (0: none); folded: the sum
 * @param late                1 when {@code Lateness} says late; folded: how many are
 * @param overdue             1 when {@code DrillOverdue} says overdue; folded: how many are
 */
record SourceState(String tenant, String source, Instant lastSuccessSince, Instant lastRestorableSince,
                   long lastBackupBytes, int late, int overdue) {
}
