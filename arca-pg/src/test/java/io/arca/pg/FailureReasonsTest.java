package io.arca.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.dump.PgDumper;
import io.arca.pg.restore.PgRestorer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure comes back as a PgEngineException with a precise reason and no password in its message. */
class FailureReasonsTest {
    private static final String WRONG_PASSWORD = "Wr0ng-Secret-4711";
    private static PgTestSupport pg;
    private static PgConnectionSpec source;

    @BeforeAll
    static void setUp() throws Exception {
        pg = new PgTestSupport();
        source = pg.freshDatabase("arca failures");
        pg.execute(source, "CREATE TABLE t (id int)", "INSERT INTO t SELECT generate_series(1, 10)");
    }

    @AfterAll
    static void tearDown() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void wrongPasswordIsAuthFailedWithoutThePassword() {
        PgConnectionSpec wrong = new PgConnectionSpec(source.host(), source.port(), source.database(), source.user(),
                WRONG_PASSWORD, "disable");
        assertReason(() -> new PgDumper().dump(wrong, DumpOptions.full(), new MemoryArchive()), Reason.AUTH_FAILED);
        assertReason(() -> new PgRestorer().restore(wrong, RestoreOptions.full(), new MemoryArchive()),
                Reason.AUTH_FAILED);
    }

    @Test
    void closedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PgConnectionSpec closed = new PgConnectionSpec("127.0.0.1", port, "x", "u", WRONG_PASSWORD, "disable");
        assertReason(() -> new PgDumper().dump(closed, DumpOptions.full(), new MemoryArchive()), Reason.UNREACHABLE);
    }

    @Test
    void missingDatabaseIsDatabaseMissing() {
        PgConnectionSpec missing = source.withDatabase("arca_no_such_db_" + System.nanoTime());
        assertReason(() -> new PgDumper().dump(missing, DumpOptions.full(), new MemoryArchive()),
                Reason.DATABASE_MISSING);
        assertReason(() -> new PgRestorer().restore(missing, RestoreOptions.full(), new MemoryArchive()),
                Reason.DATABASE_MISSING);
    }

    @Test
    void oldPgDumpIsRefusedUpFront(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("pg_dump");
        Files.writeString(fake, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        PgDumper dumper = new PgDumper(PgTools.withPgDump(fake));

        PgEngineException e = assertReason(() -> dumper.dump(source, DumpOptions.full(), new MemoryArchive()),
                Reason.PG_DUMP_TOO_OLD);
        assertThat(e.getMessage()).contains("9.6.24").contains(fake.toString());
    }

    @Test
    void missingPgDumpIsToolMissing(@TempDir Path dir) {
        PgDumper dumper = new PgDumper(PgTools.withPgDump(dir.resolve("no-pg_dump-here")));
        assertReason(() -> dumper.dump(source, DumpOptions.full(), new MemoryArchive()), Reason.TOOL_MISSING);
    }

    @Test
    void failingSinkIsSinkFailedAndStopsEverything() {
        MemoryArchive failing = new MemoryArchive() {
            @Override
            public OutputStream openEntry(DumpEntry entry) {
                OutputStream real = super.openEntry(entry);
                return new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("No space left on device");
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        write(0);
                    }
                };
            }
        };
        assertReason(() -> new PgDumper().dump(source, DumpOptions.full(), failing), Reason.DISK_FULL);
    }

    @Test
    void interruptingTheCallerCancelsTheDump() throws Exception {
        CountDownLatch copying = new CountDownLatch(1);
        MemoryArchive blocking = new MemoryArchive() {
            @Override
            public OutputStream openEntry(DumpEntry entry) {
                if (entry.kind() == EntryKind.TABLE_DATA) {
                    copying.countDown();
                    try {
                        new CountDownLatch(1).await(); // until the engine interrupts us
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.openEntry(entry);
            }
        };
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                new PgDumper().dump(source, DumpOptions.full(), blocking);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        copying.await();
        caller.interrupt();
        caller.join();

        assertThat(outcome.get()).isInstanceOfSatisfying(PgEngineException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED));
        // the dump closed its sessions before returning; their backends exit asynchronously, so poll (bounded)
        String working = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid() AND state <> 'idle'";
        long left = pg.count(source, working);
        for (int i = 0; i < 100 && left > 0; i++) {
            Thread.sleep(50);
            left = pg.count(source, working);
        }
        assertThat(left).as("no session of the dump left working").isZero();
    }

    @Test
    void restoreIntoAnExistingSchemaFailsWithTheServersReason() {
        MemoryArchive archive = new MemoryArchive();
        archive.withEntries(new PgDumper().dump(source, DumpOptions.full(), archive));
        PgEngineException e = assertReason(() -> new PgRestorer().restore(source, RestoreOptions.full(), archive),
                Reason.RESTORE_FAILED);
        assertThat(e.getMessage()).contains("already exists");
    }

    @Test
    void optionsNotImplementedYetSaySo() {
        MemoryArchive empty = new MemoryArchive();
        // a table pattern matching nothing in the backup: NOTHING_SELECTED naming it, before anything is written
        PgEngineException nothing = assertReason(() -> new PgRestorer().restore(source,
                RestoreOptions.full().withTables("t"), empty), Reason.NOTHING_SELECTED);
        assertThat(nothing.getMessage()).contains("[t]");
        // merge restores are not restore()'s
        assertThatThrownBy(() -> new PgRestorer().restore(source, RestoreOptions.full().withTables("t")
                .withMode(RestoreOptions.Mode.MERGE), empty)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> RestoreOptions.full().withDropExisting(true).withDataOnly(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropExisting");
    }

    private static PgEngineException assertReason(ThrowingCallable call, Reason reason) {
        PgEngineException[] caught = new PgEngineException[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(PgEngineException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.getMessage()).doesNotContain(WRONG_PASSWORD).doesNotContain(pg.env.pgPassword());
            caught[0] = e;
        });
        return caught[0];
    }
}
