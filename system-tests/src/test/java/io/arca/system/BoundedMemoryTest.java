package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A worker whose heap is capped at 256 MB backs up a database larger than its heap. */
class BoundedMemoryTest {
    private static ArcaSystem arca;
    private static LargeDatabase large;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
        large = LargeDatabase.of(arca);
    }

    @Test
    void workerWith256MbHeapBacksUpADatabaseLargerThanItsHeap() throws Exception {
        ServiceProcess worker = arca.worker();
        long started = System.nanoTime();
        JsonPath backup = arca.client().backupAndAwait(large.sourceId, ArcaClient.ZSTD_ENCRYPTED,
                Duration.ofMinutes(6));
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(backup.getLong("result.logicalSize")).isGreaterThan(256L << 20);
        assertThat(worker.isAlive()).as("the worker that ran the backup is still alive").isTrue();
        // every account row made it into the backup (table_stats is written by the worker from the dump)
        assertThat(arca.catalogText("select table_stats->'public.pgbench_accounts'->>'rows' from backups where id = ?",
                UUID.fromString(backup.getString("id")))).isEqualTo(String.valueOf(LargeDatabase.ACCOUNTS));

        OptionalLong peakKib = worker.peakRssKib();
        String line = String.format("bounded memory: worker %s (-Xmx256m) backed up %d MiB logical (%d MiB stored) in "
                        + "%d s; peak RSS (VmHWM) %s", worker.name(), backup.getLong("result.logicalSize") >> 20,
                backup.getLong("result.storedSize") >> 20, seconds,
                peakKib.isPresent() ? (peakKib.getAsLong() >> 10) + " MiB" : "unavailable");
        System.out.println(line);
        java.nio.file.Files.writeString(ServiceProcess.repo().resolve("system-tests/target/peak-rss.txt"), line + "\n");
    }
}
