package io.arca.export;

import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTools;
import io.arca.pg.restore.PgRestorer;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Databases on the real test PostgreSQL for the export tests: created fresh, dropped when the test JVM ends (the
 * backups several test classes share live that long), and loaded with psql as a user would load a download.
 */
final class TestPg {
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestPg::dropAll));
    }

    private TestPg() {
    }

    static InfraEnv env() {
        return InfraEnv.require();
    }

    static PgConnectionSpec spec(String database) {
        InfraEnv env = env();
        return new PgConnectionSpec(env.pgHost(), env.pgPort(), database, env.pgUser(), env.pgPassword(), "disable");
    }

    /** A new empty database (a name that needs quoting); dropped when the JVM exits. */
    static PgConnectionSpec freshDatabase(String name) {
        String db = name + " " + Long.toHexString(System.nanoTime());
        PgRestorer.createDatabaseIfAbsent(spec("postgres"), db);
        CREATED.add(db);
        return spec(db);
    }

    static Connection connect(PgConnectionSpec spec) throws SQLException {
        return DriverManager.getConnection(spec.jdbcUrl(), spec.jdbcProperties());
    }

    static void execute(PgConnectionSpec spec, String sql) throws SQLException {
        try (Connection c = connect(spec); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** {@code psql -X -v ON_ERROR_STOP=1 -f file}, as the download's documentation tells users to load it. */
    static void psql(PgConnectionSpec target, Path file) throws IOException, InterruptedException {
        Path psql = PgTools.locate().pgRestore().resolveSibling("psql");
        ProcessBuilder pb = new ProcessBuilder(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f",
                file.toString(), "--dbname=" + Identifiers.conninfoDbname(target.database()));
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().putAll(target.libpqEnvironment());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql -f " + file + " failed: " + err);
        }
    }

    /**
     * Loads a public dataset's SQL file without its {@code ALTER ... OWNER TO postgres} lines: that role need not
     * exist on the test server (the dump and the export then carry the test user as owner).
     */
    static void loadDataset(PgConnectionSpec target, Path file, Path scratch) throws IOException, InterruptedException {
        Path filtered = scratch.resolve(file.getFileName());
        try (var lines = java.nio.file.Files.lines(file, StandardCharsets.UTF_8)) {
            java.nio.file.Files.write(filtered, (Iterable<String>) lines
                    .filter(l -> !l.matches("ALTER .* OWNER TO postgres;"))::iterator, StandardCharsets.UTF_8);
        }
        psql(target, filtered);
    }

    /** Runs a program, failing with its output when it exits with an error. */
    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static void dropAll() {
        if (CREATED.isEmpty()) {
            return;
        }
        TestDatabases dbs = new TestDatabases(env());
        for (String db : CREATED) {
            try (Connection c = dbs.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(db) + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("could not drop test database " + db + ": " + e.getMessage());
            }
        }
    }
}
