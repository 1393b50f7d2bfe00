package io.arca.pg.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.MemoryArchive;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTestSupport;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.dump.DumpResult;
import io.arca.pg.dump.PgDumper;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.SampleDatabase;
import io.arca.pg.verify.TableChecksums;
import io.arca.testing.Datasets;
import io.arca.testing.PostgresRelease;
import io.arca.testing.PostgresServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Backups of the test PostgreSQL (15) restore into PostgreSQL 17 and 18 servers with identical data: per table row
 * count and content checksum, sequence values, large objects. One server per version for the whole class (see
 * {@link PostgresServer}); skipped, saying why, when their binaries cannot be fetched.
 */
class CrossVersionRestoreTest {
    private static final Map<PostgresRelease, PostgresServer> SERVERS = new EnumMap<>(PostgresRelease.class);
    private static PgTestSupport pg;
    private static Dumped stress;
    private static Dumped pagila;

    /** A dump of a source database on the test PostgreSQL, with the source's fingerprint. */
    private record Dumped(DumpResult result, MemoryArchive archive, DatabaseFingerprint fingerprint) {
        static Dumped of(PgConnectionSpec source) throws Exception {
            MemoryArchive archive = new MemoryArchive();
            DumpResult result = new PgDumper().dump(source, DumpOptions.full().withParallelism(2), archive);
            archive.withEntries(result);
            return new Dumped(result, archive, TableChecksums.capture(source));
        }
    }

    @BeforeAll
    static void startServersAndDumpTheStressDatabase() throws Exception {
        pg = new PgTestSupport();
        for (PostgresRelease release : PostgresRelease.values()) {
            SERVERS.put(release, PostgresServer.start(release));
        }
        PgConnectionSpec source = pg.freshDatabase("cross version stress");
        try (Connection c = pg.connect(source); Statement s = c.createStatement()) {
            SampleDatabase.load(c);
            s.execute(SampleDatabase.stressScript());
        }
        stress = Dumped.of(source);
        assertThat(stress.result().serverVersionNum() / 10000).as("the test PostgreSQL is older than 17").isLessThan(17);
    }

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(PostgresServer::close);
        if (pg != null) {
            pg.close();
        }
    }

    @ParameterizedTest
    @EnumSource(PostgresRelease.class)
    void theStressDatabaseRestoresIntoANewerServerWithIdenticalData(PostgresRelease release) throws Exception {
        PgConnectionSpec target = freshDatabase(release, "stress ü");

        new PgRestorer().restore(target, RestoreOptions.full().withParallelism(2), stress.archive());

        assertSameData(TableChecksums.capture(target), stress.fingerprint(), release);
        assertThat(stress.fingerprint().tables()).containsKey("public.stress");
        assertThat(stress.fingerprint().largeObjects().rowCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(PostgresRelease.class)
    void pagilaRestoresIntoANewerServerWithIdenticalData(PostgresRelease release) throws Exception {
        Dumped dumped = pagila();
        PgConnectionSpec target = freshDatabase(release, "pagila");

        new PgRestorer().restore(target, RestoreOptions.full().withParallelism(2), dumped.archive());

        assertSameData(TableChecksums.capture(target), dumped.fingerprint(), release);
        assertThat(dumped.fingerprint().tables().get("public.rental").rowCount()).isEqualTo(16044);
        assertThat(dumped.fingerprint().sequences()).containsKey("public.actor_actor_id_seq");
    }

    @Test
    void selectedTablesRestoreIntoAnExistingDatabaseOnANewerServer() throws Exception {
        PgConnectionSpec target = freshDatabase(PostgresRelease.PG18, "existing");
        try (Connection c = connect(target); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.kept (id int PRIMARY KEY, note text)");
            s.execute("INSERT INTO public.kept SELECT g, 'row ' || g FROM generate_series(1, 100) g");
        }
        DatabaseFingerprint before = TableChecksums.capture(target);

        new PgRestorer().restore(target, RestoreOptions.full().withTables("public.author", "public.book"),
                stress.archive(), TargetDatabase.EXISTING);

        DatabaseFingerprint after = TableChecksums.capture(target);
        assertThat(after.tables()).containsOnlyKeys("public.kept", "public.author", "public.book");
        assertThat(after.tables().get("public.kept")).isEqualTo(before.tables().get("public.kept"));
        assertThat(after.tables().get("public.author")).isEqualTo(stress.fingerprint().tables().get("public.author"));
        assertThat(after.tables().get("public.book")).isEqualTo(stress.fingerprint().tables().get("public.book"));
    }

    @Test
    void theTargetsVersionAndThePgRestoreUsedAreReported() throws Exception {
        PostgresServer server = SERVERS.get(PostgresRelease.PG18);
        TargetServer target = TargetServer.inspect(spec(server, "postgres"), PgTools.locate());

        assertThat(target.version()).isEqualTo("18.4");
        assertThat(target.versionNum()).isEqualTo(server.versionNum());
        Path own = Path.of("/usr/lib/postgresql/18/bin/pg_restore");
        if (Files.isExecutable(own)) {
            assertThat(target.tools().pgRestore()).isEqualTo(own);
        } else {
            assertThat(target.tools()).isEqualTo(PgTools.locate());
            assertThat(target.toolsReason()).contains("no PostgreSQL 18 client installed");
        }
    }

    @Test
    void anOlderTargetIsRefusedAndLeftUntouched() throws Exception {
        PgConnectionSpec target = freshDatabase(PostgresRelease.PG17, "older target");
        try (Connection c = connect(target); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.book (id int PRIMARY KEY, title text)");
            s.execute("INSERT INTO public.book SELECT g, 'kept ' || g FROM generate_series(1, 50) g");
        }
        DatabaseFingerprint before = TableChecksums.capture(target);
        // the stress dump, as if it came from a PostgreSQL 18 server (its public.book clashes with the table above)
        List<String> read = new CopyOnWriteArrayList<>();
        MemoryArchive fromNewer = new MemoryArchive() {
            @Override
            public InputStream open(DumpEntry entry) {
                read.add(entry.name());
                return super.open(entry);
            }
        };
        stress.archive().bytes.forEach((name, bytes) -> fromNewer.bytes.put(name, bytes));
        fromNewer.withEntries(stress.result()).withServerVersion("18.4 (Debian 18.4-1.pgdg120+1)");

        assertThatThrownBy(() -> new PgRestorer().restore(target,
                RestoreOptions.full().withDropExisting(true), fromNewer))
                .isInstanceOfSatisfying(PgEngineException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TARGET_VERSION_OLDER))
                .hasMessageContaining("runs PostgreSQL 17.10, older than the backed-up server's PostgreSQL 18.4");

        DatabaseFingerprint after = TableChecksums.capture(target);
        assertThat(after.differencesFrom(before)).isEmpty();
        assertThat(after.tables()).containsOnlyKeys("public.book");
        assertThat(read).as("not one entry read").isEmpty();
    }

    /**
     * Equal data: every table's row count and checksum, every sequence's value, the large objects. Equal definitions
     * too, except where a newer server renders the same object differently: view and materialized view definitions
     * (deparsed text changes between majors; the same views must exist), and from PostgreSQL 18 on the NOT NULL
     * constraints it lists in pg_constraint. Those differences are printed.
     */
    private static void assertSameData(DatabaseFingerprint restored, DatabaseFingerprint original,
                                       PostgresRelease release) {
        assertThat(restored.tables()).as("tables in " + release).isEqualTo(original.tables());
        assertThat(restored.sequences()).as("sequences in " + release).isEqualTo(original.sequences());
        assertThat(restored.largeObjects()).as("large objects in " + release).isEqualTo(original.largeObjects());
        assertThat(names(restored.views())).as("views in " + release).isEqualTo(names(original.views()));
        assertThat(names(restored.materializedViews())).isEqualTo(names(original.materializedViews()));
        List<String> differences = restored.differencesFrom(original);
        List<String> unexplained = differences.stream().filter(d -> !d.startsWith("view only in ")
                && !d.startsWith("materialized view only in ")
                && !(release.major() >= 18 && d.startsWith("constraint only in this: ") && d.contains(": NOT NULL ")))
                .toList();
        assertThat(unexplained).as("definitions in " + release).isEmpty();
        System.out.printf("%s: %d tables, %d sequences equal; %d definitions rendered differently:%n  %s%n", release,
                original.tables().size(), original.sequences().size(), differences.size(),
                String.join("\n  ", differences));
    }

    /** {@code schema.view: <hash of its definition>} → {@code schema.view}. */
    private static Set<String> names(Set<String> definitions) {
        return definitions.stream().map(d -> d.substring(0, d.lastIndexOf(": "))).collect(Collectors.toSet());
    }

    private static synchronized Dumped pagila() throws Exception {
        Path dataset = Datasets.requirePagila();
        if (pagila == null) {
            PgConnectionSpec source = pg.freshDatabase("cross version pagila");
            pg.loadSqlFile(source, dataset.resolve("pagila-schema.sql"));
            pg.loadSqlFile(source, dataset.resolve("pagila-data.sql"));
            pagila = Dumped.of(source);
        }
        return pagila;
    }

    private static PgConnectionSpec freshDatabase(PostgresRelease release, String name) {
        String database = name + " " + Long.toHexString(System.nanoTime());
        PgRestorer.createDatabaseIfAbsent(spec(SERVERS.get(release), "postgres"), database);
        return spec(SERVERS.get(release), database);
    }

    private static PgConnectionSpec spec(PostgresServer server, String database) {
        return new PgConnectionSpec(server.host(), server.port(), database, server.user(), server.password(),
                "disable");
    }

    private static Connection connect(PgConnectionSpec spec) throws Exception {
        return DriverManager.getConnection(spec.jdbcUrl(), spec.jdbcProperties());
    }
}
