package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Deduplication across backups of one database (pgbench scale {@value #SCALE}, about 60 MB of COPY text, plus three
 * small side tables). Backups are uncompressed and unencrypted here so that stored bytes equal chunk plaintext bytes
 * (plus a small per-chunk header) and the bounds below can be stated in bytes of dump text. The tests run in order
 * on the same database: each changes it a little more.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DedupTest {
    static final int SCALE = 6;
    static final long ACCOUNTS = SCALE * 100_000L;
    /** Chunker bounds (arca-archive ChunkerConfig.DEFAULT): 256 KiB min, 1 MiB average, 4 MiB max. */
    static final long MAX_CHUNK = 4L << 20;
    private static final Duration WAIT = Duration.ofMinutes(4);

    private static ArcaSystem arca;
    /** A tenant of its own: chunks are shared per tenant, and other tests back up pgbench data too. */
    private static ArcaClient api;
    private static String database;
    private static UUID source;
    private static JsonPath first;
    private static JsonPath unchanged;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
        api = arca.client().createTenant("dedup-" + arca.runId);
        database = arca.sources.severalTables(SCALE);
        source = api.createSource(arca.env, database);
    }

    @AfterAll
    static void drop() {
        if (database != null) {
            arca.sources.drop(database);
        }
    }

    @Test
    @Order(1)
    void unchangedDatabaseStoresUnderTwoPercentNew() throws Exception {
        first = backup();
        unchanged = backup();
        long firstStored = first.getLong("result.storedSize");
        report("unchanged", unchanged, firstStored);
        assertThat(unchanged.getLong("result.newBytes")).isLessThan(firstStored / 50);
        assertThat(unchanged.getDouble("result.dedupRatio")).isGreaterThan(0.98);
    }

    @Test
    @Order(2)
    void contiguousOnePercentUpdateStoresTheChangedRowsAndAFewChunks() throws Exception {
        long from = ACCOUNTS / 2;
        arca.sources.execute(database, "update pgbench_accounts set abalance = abalance + 7 where aid between " + from
                + " and " + (from + ACCOUNTS / 100 - 1));
        JsonPath updated = backup();

        // The updated rows get new tuple versions at the end of the heap (pgbench tables have fillfactor 100, so
        // there is no room on their pages), and pg_dump's COPY follows heap order: the dump text of
        // pgbench_accounts loses 1% of its rows in the middle and gains them at the end. Each table is its own
        // chunk stream, cut by content: new chunks are the one or two around the gap in the middle (after a
        // change the cut points resynchronize at the next content-defined boundary), the old last chunk together
        // with the appended rows, and one more at the boundary - at most 4 chunks of at most 4 MiB that are not
        // made of changed rows, plus the changed rows themselves. Everything else that is new in every backup
        // (schema entries and the dump plan: pg_dump writes a random \restrict token) is what the unchanged backup
        // stored new. Typical chunks are 1 MiB, so the expected value is far below this hard bound; it is printed.
        long accountsBytes = Long.parseLong(arca.catalogText("select table_stats->'public.pgbench_accounts'->>'bytes' "
                + "from backups where id = ?", UUID.fromString(first.getString("id"))));
        long changedRows = accountsBytes / 100;
        long bound = unchanged.getLong("result.newBytes") + changedRows + 4 * MAX_CHUNK;
        report("1% of pgbench_accounts updated (bound " + bound + ")", updated, first.getLong("result.storedSize"));
        assertThat(updated.getLong("result.newBytes")).isGreaterThan(changedRows / 2).isLessThanOrEqualTo(bound);
    }

    @Test
    @Order(3)
    void changingOneOfSeveralTablesStoresOnlyThatTable() throws Exception {
        arca.sources.execute(database, "update side_b set note = note || ' changed'");
        JsonPath changed = backup();

        long sideB = Long.parseLong(arca.catalogText("select table_stats->'public.side_b'->>'bytes' from backups "
                + "where id = ?", UUID.fromString(changed.getString("id"))));
        long stored = changed.getLong("result.storedSize");
        // every row of side_b changed, so all its chunks are new (its COPY text, plus chunk headers: 1% allowed);
        // the other tables are reused entirely
        long bound = unchanged.getLong("result.newBytes") + sideB + sideB / 100;
        report("side_b rewritten (" + sideB + " bytes of COPY text, bound " + bound + ")", changed, stored);
        assertThat(changed.getLong("result.newBytes")).isGreaterThanOrEqualTo(sideB / 2).isLessThanOrEqualTo(bound);
        assertThat(changed.getLong("result.newBytes")).isLessThan(stored / 10);
    }

    private JsonPath backup() throws Exception {
        return api.backupAndAwait(source, ArcaClient.UNCOMPRESSED, WAIT);
    }

    private static void report(String what, JsonPath backup, long reference) {
        System.out.printf("dedup, %s: new bytes %d of %d stored (%.2f%% of the first backup's %d), chunks new %d, "
                        + "reused %d%n", what, backup.getLong("result.newBytes"), backup.getLong("result.storedSize"),
                100.0 * backup.getLong("result.newBytes") / reference, reference, backup.getLong("progress.chunksNew"),
                backup.getLong("progress.chunksReused"));
    }
}
