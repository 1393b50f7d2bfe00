package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A worker whose heap is capped at 256 MiB backs up a database larger than its heap, and the heap it keeps live
 * meanwhile stays under half of that cap ({@link #LIVE_HEAP_BOUND}).
 *
 * <p>The live heap is measured by the worker's JVM itself, over and over while the backup runs (a sample takes
 * half a second or more): {@code jcmd GC.class_histogram} runs a full collection and sums what survives
 * ({@link ServiceProcess#liveHeapBytes}).
 * The peak RSS is reported, not asserted: beyond the heap it is metaspace, code cache, thread stacks and zstd's
 * native buffers, which depend on the JDK more than on Arca.
 */
class BoundedMemoryTest {
    private static final long MIB = 1L << 20;
    /** The worker's -Xmx. */
    private static final long HEAP_MAX = ServiceProcess.HEAP_MAX_MIB * MIB;
    /**
     * The most heap a running backup may keep live: half the -Xmx. What a backup holds is bounded by design - the
     * archive writer's chunk budget (about 40 MiB plus 4 MiB per open entry, {@code BackupWriter}) on top of what
     * the idle service keeps - and does not grow with the database; the other half of the heap is room for the
     * garbage the pipeline churns through, so the collector does not run back to back.
     */
    private static final long LIVE_HEAP_BOUND = HEAP_MAX / 2;
    /** Fewer samples than this and the backup was too short for the measurement to mean anything. */
    private static final int MIN_SAMPLES = 3;

    private static ArcaSystem arca;
    private static LargeDatabase large;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
        large = LargeDatabase.of(arca);
    }

    @Test
    void workerWith256MbHeapBacksUpADatabaseLargerThanItsHeapKeepingLessThanHalfOfItLive() throws Exception {
        ServiceProcess worker = arca.worker();
        long idleLiveHeap = worker.liveHeapBytes();
        long started = System.nanoTime();
        UUID backupId = arca.client().requestBackup(large.sourceId, ArcaClient.ZSTD_ENCRYPTED);
        List<Long> samples = new CopyOnWriteArrayList<>();
        JsonPath backup;
        try (Sampler sampler = new Sampler(worker, samples)) {
            backup = arca.client().awaitBackupCompleted(backupId, Duration.ofMinutes(6));
            sampler.throwIfFailed();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(backup.getLong("result.logicalSize")).isGreaterThan(HEAP_MAX);
        assertThat(worker.isAlive()).as("the worker that ran the backup is still alive").isTrue();
        // every account row made it into the backup (table_stats is written by the worker from the dump)
        assertThat(arca.catalogText("select table_stats->'public.pgbench_accounts'->>'rows' from backups where id = ?",
                backupId)).isEqualTo(String.valueOf(LargeDatabase.ACCOUNTS));

        LongSummaryStatistics live = samples.stream().mapToLong(Long::longValue).summaryStatistics();
        OptionalLong peakKib = worker.peakRssKib();
        String line = String.format("bounded memory: worker %s (-Xmx%dm) backed up %d MiB logical (%d MiB stored) in "
                        + "%d s; live heap %d MiB idle, during the backup %d samples, peak %d MiB (bound %d MiB); "
                        + "peak RSS (VmHWM) %s", worker.name(), ServiceProcess.HEAP_MAX_MIB,
                backup.getLong("result.logicalSize") / MIB, backup.getLong("result.storedSize") / MIB, seconds,
                idleLiveHeap / MIB, live.getCount(), live.getMax() / MIB, LIVE_HEAP_BOUND / MIB,
                peakKib.isPresent() ? (peakKib.getAsLong() >> 10) + " MiB" : "unavailable");
        System.out.println(line);
        Files.writeString(ServiceProcess.repo().resolve("system-tests/target/peak-rss.txt"), line + "\n");

        assertThat(live.getCount()).as("live-heap samples while the backup ran").isGreaterThanOrEqualTo(MIN_SAMPLES);
        assertThat(live.getMax()).as("peak live heap of the worker during the backup, bytes").isLessThan(LIVE_HEAP_BOUND);
    }

    /** Measures the worker's live heap over and over on its own thread until closed. */
    private static final class Sampler implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final Thread thread;

        Sampler(ServiceProcess worker, List<Long> samples) {
            thread = Thread.ofPlatform().name("live-heap-sampler").start(() -> {
                try {
                    while (running.get()) {
                        samples.add(worker.liveHeapBytes());
                        Thread.sleep(200);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    failure.set(e);
                }
            });
        }

        void throwIfFailed() throws Exception {
            Exception e = failure.get();
            if (e != null) {
                throw e;
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
