package io.arca.system;

import io.arca.pg.PgConnectionSpec;
import io.arca.pg.verify.SampleDatabase;
import io.arca.testing.Datasets;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Databases to back up: the sample database, pagila (when the dataset is present), pgbench at a scale. */
final class SourceDatabases {
    private final InfraEnv env;
    private final TestDatabases databases;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    SourceDatabases(InfraEnv env) {
        this.env = env;
        this.databases = new TestDatabases(env);
    }

    PgConnectionSpec spec(String database) {
        return new PgConnectionSpec(env.pgHost(), env.pgPort(), database, env.pgUser(), env.pgPassword(), "disable");
    }

    void drop(String database) {
        databases.drop(database);
        created.remove(database);
    }

    /** Arca's own sample database ({@link SampleDatabase}: odd types, quoted non-ASCII names, an 8 MiB bytea). */
    String sample() throws Exception {
        String name = fresh("sample");
        try (Connection c = databases.connect(name)) {
            SampleDatabase.load(c);
        }
        return name;
    }

    /** A fresh, empty database name for a restore target (dropped with the others at the end). */
    String freshName(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        created.add(name);
        return name;
    }

    /** Drops every database this object created or named (restore targets included); never throws. */
    void dropAll() {
        for (String name : created) {
            try {
                databases.drop(name);
            } catch (RuntimeException e) {
                System.err.println("could not drop " + name + ": " + e.getMessage());
            }
        }
        created.clear();
    }

    private String fresh(String prefix) {
        String name = databases.createFresh(prefix);
        created.add(name);
        return name;
    }

    /** The demo database of {@code deploy/local/arca-local up} ({@code deploy/local/demo/demo-db.sql}). */
    String demo() throws Exception {
        String name = fresh("demo");
        psql(name, ServiceProcess.repo().resolve("deploy/local/demo/demo-db.sql"));
        return name;
    }

    /** A fresh, empty database (dropped with the others at the end). */
    String empty(String prefix) {
        return fresh(prefix);
    }

    /** {@code psql -v ON_ERROR_STOP=1 -f script} into {@code database}, as a user loads a plain SQL dump. */
    void load(String database, Path script) throws Exception {
        run(List.of(tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-f", script.toString()), null);
    }

    /** pagila, loaded from {@link Datasets#requirePagila()} (skips or fails the test when the dataset is missing). */
    String pagila() throws Exception {
        Path dir = Datasets.requirePagila();
        String name = fresh("pagila");
        psql(name, dir.resolve("pagila-schema.sql"));
        psql(name, dir.resolve("pagila-data.sql"));
        return name;
    }

    /**
     * {@code pgbench -i -s scale} (100,000 accounts, about 13 MB of table and 10 MB of COPY text per scale unit)
     * plus {@code extras}, a 200,000-row table of jsonb, bytea and timestamps (about 25 MB).
     */
    String pgbench(int scale) throws Exception {
        String name = fresh("bench");
        run(List.of(tool("pgbench"), "-i", "-q", "-s", String.valueOf(scale), name), null);
        try (Connection c = databases.connect(name); Statement s = c.createStatement()) {
            s.execute("create table extras (id bigint primary key, doc jsonb, blob bytea, at timestamptz)");
            s.execute("insert into extras select g, jsonb_build_object('k', g, 'v', md5(g::text)), "
                    + "decode(md5(g::text) || md5((g + 1)::text), 'hex'), now() - g * interval '1 second' "
                    + "from generate_series(1, 200000) g");
            s.execute("analyze");
        }
        return name;
    }

    /**
     * pgbench at {@code scale} without extras, plus {@code side_a}, {@code side_b} and {@code side_c}: 40,000 rows of
     * hashes each (about 3.5 MB of COPY text each), so that one of several tables can change alone.
     */
    String severalTables(int scale) throws Exception {
        String name = fresh("dedup");
        run(List.of(tool("pgbench"), "-i", "-q", "-s", String.valueOf(scale), name), null);
        try (Connection c = databases.connect(name); Statement s = c.createStatement()) {
            for (String table : List.of("side_a", "side_b", "side_c")) {
                s.execute("create table " + table + " (id integer primary key, note text)");
                s.execute("insert into " + table + " select g, md5(g || '" + table + "') || md5(g::text) || ' ' || g "
                        + "from generate_series(1, 40000) g");
            }
            s.execute("analyze");
        }
        return name;
    }

    /** The single number {@code sql} selects in {@code database}. */
    long count(String database, String sql) throws Exception {
        try (Connection c = databases.connect(database); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String database, String sql) throws Exception {
        try (Connection c = databases.connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void psql(String database, Path file) throws Exception {
        String sql;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            // the dataset assigns owners to a "postgres" role the test server may not have
            sql = lines.filter(l -> !l.matches("ALTER .* OWNER TO postgres;"))
                    .collect(Collectors.joining("\n", "", "\n"));
        }
        run(List.of(tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database), sql);
    }

    /**
     * {@code pg_dump --schema-only} of {@code database}: every definition, to compare before and after (without the
     * {@code \restrict} guard lines, whose key is random per run).
     */
    String schemaDump(String database) throws Exception {
        return run(List.of(tool("pg_dump"), "--schema-only", "-d", database), null).lines()
                .filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n"));
    }

    private String run(List<String> command, String stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGHOST", env.pgHost());
        pb.environment().put("PGPORT", String.valueOf(env.pgPort()));
        pb.environment().put("PGUSER", env.pgUser());
        pb.environment().put("PGPASSWORD", env.pgPassword());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + output);
        }
        return output;
    }

    /** The tool of the newest installed PostgreSQL (same major version as the test server). */
    private static String tool(String name) {
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (var versions = Files.list(lib)) {
                Optional<Path> bin = versions.map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable)
                        .max(Path::compareTo);
                if (bin.isPresent()) {
                    return bin.get().toString();
                }
            } catch (IOException e) {
                // fall back to PATH
            }
        }
        return name;
    }
}
