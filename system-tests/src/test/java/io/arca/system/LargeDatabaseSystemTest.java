package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A database of a few hundred MB (pgbench scale {@value #SCALE} plus a mixed-type table), backed up by a worker
 * limited to {@code -Xmx256m}: bounded memory, deduplication across backups, and crash recovery (the worker
 * process killed mid-backup, the job re-claimed after its lease expired, completed exactly once). The tests share
 * the database and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LargeDatabaseSystemTest {
    /** pgbench scale: 100,000 accounts (about 13 MB of table, 10 MB of COPY text) per unit. */
    static final int SCALE = 30;
    private static final Duration WAIT = Duration.ofMinutes(4);

    private static ArcaSystem arca;
    private static SourceDatabases sources;
    private static String database;
    private static UUID source;
    private static JsonPath first;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.start(Map.of());
        sources = new SourceDatabases(arca.env);
        database = sources.pgbench(SCALE);
        source = arca.createSource(database);
    }

    @AfterAll
    static void stop() throws Exception {
        if (sources != null && database != null) {
            sources.drop(database);
        }
        if (arca != null) {
            arca.close();
        }
    }

    @Test
    @Order(1)
    void workerWith256MbHeapBacksUpTheWholeDatabase() throws Exception {
        first = backup();
        // several hundred MB of plaintext went through a worker whose heap is capped at 256 MB
        assertThat(first.getLong("result.logicalSize")).isGreaterThan(250L << 20);
        assertThat(arca.worker.isAlive()).isTrue();
        assertThat(arca.catalogText("select table_stats->'public.pgbench_accounts'->>'rows' from backups where id = ?",
                UUID.fromString(first.getString("id")))).isEqualTo(String.valueOf(SCALE * 100_000L));
    }

    @Test
    @Order(2)
    void unchangedDatabaseStoresUnderTwoPercentNew() throws Exception {
        JsonPath second = backup();
        long firstNew = first.getLong("result.newBytes");
        System.out.printf("dedup, unchanged: first backup new bytes %d, second %d (%.3f%%)%n", firstNew,
                second.getLong("result.newBytes"), 100.0 * second.getLong("result.newBytes") / firstNew);
        assertThat(second.getLong("result.newBytes")).isLessThan(firstNew / 50);
    }

    @Test
    @Order(3)
    void onePercentUpdateStoresLittleMoreThanTheChangedRows() throws Exception {
        long accounts = SCALE * 100_000L;
        long from = accounts / 2;
        sources.execute(database, "update pgbench_accounts set abalance = abalance + 7 where aid between " + from
                + " and " + (from + accounts / 100 - 1));
        JsonPath third = backup();

        long firstNew = first.getLong("result.newBytes");
        long avgStoredChunk = firstNew / first.getLong("progress.chunksNew");
        long newBytes = third.getLong("result.newBytes");
        // The updated rows (1% of the dominant table, so ~1% of the stored bytes) move to the end of the heap, so
        // COPY emits them at the end. Content-defined chunking re-cuts only around the edits: about 2 chunks where
        // the rows left, 2 at the old end of the table, and the schema entries plus the dump plan (new each run,
        // pg_dump writes a random \restrict token) - allow 8 average chunks for all of that.
        long bound = firstNew / 100 + 8 * avgStoredChunk;
        System.out.printf("dedup, 1%% updated: first backup new bytes %d, this one %d (%.2f%%), bound %d%n", firstNew,
                newBytes, 100.0 * newBytes / firstNew, bound);
        assertThat(newBytes).isPositive().isLessThanOrEqualTo(bound);
    }

    @Test
    @Order(4)
    void killedWorkerLeavesTheJobToAnotherWorkerAndItCompletesOnce() throws Exception {
        UUID backup = arca.requestBackup(source);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonPath view = arca.backup(backup);
        while (!(view.getString("state").equals("running") && view.getLong("progress.bytesRead") > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            view = arca.backup(backup);
        }
        assertThat(view.getString("state")).isEqualTo("running");
        String firstWorker = arca.catalogText("select worker_id from backups where id = ?", backup);

        arca.worker.kill(); // SIGKILL mid-backup: no shutdown hook, no cleanup, the lease just stops being renewed
        arca.worker = arca.startWorker();

        JsonPath done = arca.awaitBackup(backup, WAIT);
        assertThat(done.getString("state")).as("error: %s", done.getString("error")).isEqualTo("completed");
        assertThat(done.getInt("attempt")).isEqualTo(2);
        assertThat(arca.catalogText("select worker_id from backups where id = ?", backup)).isNotEqualTo(firstWorker);
        assertThat(arca.catalogText("select count(*) from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' = 'backup.completed'", backup.toString())).isEqualTo("1");
        assertThat(arca.catalogText("select count(*) from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' = 'backup.requeued'", backup.toString())).isEqualTo("1");
        assertThat(done.getLong("result.logicalSize")).isGreaterThan(250L << 20);
    }

    private JsonPath backup() throws Exception {
        UUID id = arca.requestBackup(source);
        JsonPath done = arca.awaitBackup(id, WAIT);
        assertThat(done.getString("state")).as("backup %s: %s", id, done.getString("error")).isEqualTo("completed");
        return done;
    }
}
