package io.arca.pg;

import io.arca.pg.restore.PgRestorer;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Fresh databases on the real test PostgreSQL, as connection specs the engine takes. */
public final class PgTestSupport implements AutoCloseable {
    public final InfraEnv env = InfraEnv.require();
    private final List<String> created = new ArrayList<>();

    public PgConnectionSpec spec(String database) {
        return new PgConnectionSpec(env.pgHost(), env.pgPort(), database, env.pgUser(), env.pgPassword(), "disable");
    }

    /** A new empty database (name may need quoting); dropped on close. */
    public PgConnectionSpec freshDatabase(String name) {
        String db = name + " " + Long.toHexString(System.nanoTime());
        PgRestorer.createDatabaseIfAbsent(spec("postgres"), db);
        created.add(db);
        return spec(db);
    }

    public Connection connect(PgConnectionSpec spec) throws SQLException {
        return DriverManager.getConnection(spec.jdbcUrl(), spec.jdbcProperties());
    }

    public void execute(PgConnectionSpec spec, String... sql) throws SQLException {
        try (Connection c = connect(spec); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    public long count(PgConnectionSpec spec, String sql) throws SQLException {
        try (Connection c = connect(spec); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs a SQL file with psql, dropping {@code OWNER TO postgres} lines (that role need not exist here). */
    public void loadSqlFile(PgConnectionSpec spec, Path file) throws IOException, InterruptedException {
        Path psql = PgTools.locate().pgRestore().resolveSibling("psql");
        ProcessBuilder pb = new ProcessBuilder(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "--dbname=" + Identifiers.conninfoDbname(spec.database()));
        pb.environment().putAll(spec.libpqEnvironment());
        Path errors = Files.createTempFile("arca-psql", ".err");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile());
        Process p = pb.start();
        String sql;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            sql = lines.filter(l -> !l.matches("ALTER .* OWNER TO postgres;"))
                    .collect(Collectors.joining("\n", "", "\n"));
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(sql.getBytes(StandardCharsets.UTF_8));
        }
        int exit = p.waitFor();
        String err = Files.readString(errors);
        Files.delete(errors);
        if (exit != 0) {
            throw new IllegalStateException("psql -f " + file + " failed: " + err);
        }
    }

    @Override
    public void close() {
        TestDatabases dbs = new TestDatabases(env);
        for (String db : created) {
            try (Connection c = dbs.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(db) + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("could not drop test database " + db + ": " + e.getMessage());
            }
        }
    }
}
