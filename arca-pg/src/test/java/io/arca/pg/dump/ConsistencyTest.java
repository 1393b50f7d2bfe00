package io.arca.pg.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.EntryKind;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTestSupport;
import io.arca.pg.RestoreOptions;
import io.arca.pg.restore.PgRestorer;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transactions committed while a dump runs are entirely in or entirely out of it; concurrent DDL waits for the
 * dump; a table dropped while the dump starts is reported precisely.
 */
class ConsistencyTest {
    private static final int PRELOADED_PAIRS = 20_000;
    /** Transactions the writer must commit after the snapshot before the first table is copied. */
    private static final int COMMITS_DURING_DUMP = 50;

    private static PgTestSupport pg;

    @BeforeAll
    static void setUp() {
        pg = new PgTestSupport();
    }

    @AfterAll
    static void tearDown() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void concurrentWriterTransactionsAreEntirelyInOrOut() throws Exception {
        PgConnectionSpec source = pg.freshDatabase("arca consistency");
        pg.execute(source,
                "CREATE TABLE parent (id bigserial PRIMARY KEY, payload text NOT NULL)",
                "CREATE TABLE child (id bigserial PRIMARY KEY, parent_id bigint NOT NULL REFERENCES parent, "
                        + "payload text NOT NULL)",
                "INSERT INTO parent (payload) SELECT repeat('p', 100) || i "
                        + "FROM generate_series(1, " + PRELOADED_PAIRS + ") i",
                "INSERT INTO child (parent_id, payload) SELECT id, repeat('c', 100) FROM parent");

        AtomicLong committed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writePairs(source, committed, stop));
        AtomicLong committedAtFirstCopy = new AtomicLong(-1);
        MemoryArchive archive = new MemoryArchive() {
            @Override
            public OutputStream openEntry(DumpEntry entry) {
                if (entry.kind() == EntryKind.TABLE_DATA && committedAtFirstCopy.compareAndSet(-1, committed.get())) {
                    awaitCommits(committed, committedAtFirstCopy.get() + COMMITS_DURING_DUMP, writer);
                }
                return super.openEntry(entry);
            }
        };
        DumpResult result;
        try {
            result = new PgDumper().dump(source, DumpOptions.full(), archive);
        } finally {
            stop.set(true);
        }
        writer.get(60, TimeUnit.SECONDS);
        archive.withEntries(result);
        PgConnectionSpec target = pg.freshDatabase("arca consistency restored");
        new PgRestorer().restore(target, RestoreOptions.full(), archive);

        long parents = pg.count(target, "SELECT count(*) FROM public.parent");
        long children = pg.count(target, "SELECT count(*) FROM public.child");
        assertThat(children).as("every committed pair is whole").isEqualTo(parents);
        assertThat(pg.count(target, "SELECT count(*) FROM public.child c LEFT JOIN public.parent p "
                + "ON p.id = c.parent_id WHERE p.id IS NULL")).isZero();
        assertThat(parents).as("pairs committed after the snapshot are out")
                .isBetween((long) PRELOADED_PAIRS, PRELOADED_PAIRS + committedAtFirstCopy.get());
        assertThat(pg.count(source, "SELECT count(*) FROM public.parent"))
                .isGreaterThanOrEqualTo(PRELOADED_PAIRS + committedAtFirstCopy.get() + COMMITS_DURING_DUMP);
    }

    @Test
    void aConcurrentDropWaitsForTheDump() throws Exception {
        PgConnectionSpec source = pg.freshDatabase("arca drop waits");
        pg.execute(source, "CREATE TABLE doomed (id int)", "INSERT INTO doomed SELECT generate_series(1, 1000)");
        AtomicBoolean dropWasBlocked = new AtomicBoolean();
        MemoryArchive archive = new MemoryArchive() {
            @Override
            public OutputStream openEntry(DumpEntry entry) {
                if (entry.kind() == EntryKind.TABLE_DATA) {
                    try (Connection c = pg.connect(source); Statement s = c.createStatement()) {
                        s.execute("SET lock_timeout = '300ms'");
                        s.execute("DROP TABLE doomed");
                    } catch (SQLException e) {
                        dropWasBlocked.set("55P03".equals(e.getSQLState()));
                    }
                }
                return super.openEntry(entry);
            }
        };

        DumpResult result = new PgDumper().dump(source, DumpOptions.full(), archive);

        assertThat(dropWasBlocked).isTrue();
        assertThat(result.rowCount("public", "doomed")).isEqualTo(1000);
    }

    @Test
    void aTableDroppedAsTheDumpStartsIsReported() throws Exception {
        PgConnectionSpec source = pg.freshDatabase("arca disappears");
        pg.execute(source, "CREATE TABLE vanishing (id int)", "CREATE TABLE staying (id int)");
        try (Connection dropper = pg.connect(source); Statement s = dropper.createStatement()) {
            dropper.setAutoCommit(false);
            s.execute("DROP TABLE vanishing"); // holds ACCESS EXCLUSIVE until commit
            CompletableFuture<DumpResult> dump = CompletableFuture.supplyAsync(
                    () -> new PgDumper().dump(source, DumpOptions.full(), new MemoryArchive()));
            awaitLockWaiter(source, dump);
            dropper.commit();

            assertThatThrownBy(dump::join).cause().isInstanceOfSatisfying(PgEngineException.class, e -> {
                assertThat(e.reason()).isEqualTo(PgEngineException.Reason.TABLE_DISAPPEARED);
                assertThat(e.getMessage()).contains("vanishing");
            });
        }
    }

    /** Waits until some session of the source database waits for a lock (the dump, blocked by the DROP). */
    private static void awaitLockWaiter(PgConnectionSpec source, CompletableFuture<?> dump) throws Exception {
        String sql = "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                + "WHERE NOT l.granted AND d.datname = current_database()";
        while (pg.count(source, sql) == 0) {
            assertThat(dump).as("dump should wait for the lock").isNotDone();
            Thread.sleep(20);
        }
    }

    private static void writePairs(PgConnectionSpec source, AtomicLong committed, AtomicBoolean stop) {
        try (Connection c = pg.connect(source); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            while (!stop.get()) {
                s.execute("INSERT INTO parent (payload) VALUES ('w')");
                s.execute("INSERT INTO child (parent_id, payload) VALUES (currval('parent_id_seq'), 'w')");
                c.commit();
                committed.incrementAndGet();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitCommits(AtomicLong committed, long target, CompletableFuture<Void> writer) {
        while (committed.get() < target) {
            if (writer.isDone()) {
                throw new IllegalStateException("writer stopped early", new IOException(writer.toString()));
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
