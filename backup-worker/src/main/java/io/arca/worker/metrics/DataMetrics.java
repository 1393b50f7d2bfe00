package io.arca.worker.metrics;

import io.arca.archive.write.WriteProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * What completed backups and restores moved, counted once per job when its completion was written (a job whose lease
 * was lost at the end counts nothing: another attempt will). Backup counters come from what the archive writer
 * counted ({@link WriteProgress}); stored bytes are the backup's {@code storedSize}, the same number the API shows.
 */
@ApplicationScoped
public class DataMetrics {
    private final Counter bytesRead;
    private final Counter bytesStored;
    private final Counter bytesNew;
    private final Counter chunksNew;
    private final Counter chunksReused;
    private final DistributionSummary dedupRatio;
    private final Counter restoreBytes;
    private final DistributionSummary restoreThroughput;

    public DataMetrics(MeterRegistry registry) {
        bytesRead = Counter.builder("arca.backup.bytes.read").description("dump bytes read from sources")
                .register(registry);
        bytesStored = Counter.builder("arca.backup.bytes.stored")
                .description("sum of the storedSize of completed backups").register(registry);
        bytesNew = Counter.builder("arca.backup.bytes.new")
                .description("bytes of chunks uploaded by completed backups (not deduplicated)").register(registry);
        chunksNew = Counter.builder("arca.backup.chunks").tag("result", "new")
                .description("chunks of completed backups, uploaded (new) or deduplicated (reused)").register(registry);
        chunksReused = Counter.builder("arca.backup.chunks").tag("result", "reused")
                .description("chunks of completed backups, uploaded (new) or deduplicated (reused)").register(registry);
        dedupRatio = DistributionSummary.builder("arca.backup.dedup.ratio")
                .description("share of a completed backup's stored bytes that already existed").register(registry);
        restoreBytes = Counter.builder("arca.restore.bytes").description("archive bytes restored into targets")
                .register(registry);
        restoreThroughput = DistributionSummary.builder("arca.restore.throughput.bytes.per.second")
                .description("bytes per second of each completed restore").register(registry);
    }

    public void backupCompleted(WriteProgress written, long storedSize, double ratio) {
        bytesRead.increment(written.bytesRead());
        bytesStored.increment(storedSize);
        bytesNew.increment(written.bytesStored());
        chunksNew.increment(written.chunksNew());
        chunksReused.increment(written.chunksReused());
        dedupRatio.record(ratio);
    }

    public void restoreCompleted(long bytes, Duration took) {
        restoreBytes.increment(bytes);
        restoreThroughput.record(bytes / Math.max(0.001, took.toMillis() / 1000.0));
    }
}
