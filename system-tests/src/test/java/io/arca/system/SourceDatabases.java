package io.arca.system;

import io.arca.pg.PgConnectionSpec;
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
import java.util.stream.Collectors;

/** Databases to back up: generated mixed types, pagila (when the dataset is present), pgbench at a scale. */
final class SourceDatabases {
    private final InfraEnv env;
    private final TestDatabases databases;

    SourceDatabases(InfraEnv env) {
        this.env = env;
        this.databases = new TestDatabases(env);
    }

    PgConnectionSpec spec(String database) {
        return new PgConnectionSpec(env.pgHost(), env.pgPort(), database, env.pgUser(), env.pgPassword(), "disable");
    }

    void drop(String database) {
        databases.drop(database);
    }

    /** Many column types, awkward text (tabs, newlines, backslashes, quotes, non-ASCII), NULLs, a view, FKs. */
    String mixedTypes(int rows) throws Exception {
        String name = databases.createFresh("mixed");
        try (Connection c = databases.connect(name); Statement s = c.createStatement()) {
            s.execute("create type mood as enum ('sad', 'ok', 'happy')");
            s.execute("create schema \"Odd Schema\"");
            s.execute("create table \"Odd Schema\".\"Customer Table\" (id integer generated always as identity primary key, "
                    + "name text not null, email varchar(200) unique, born date, mood mood)");
            s.execute("create table public.events (id bigserial primary key, customer_id integer references "
                    + "\"Odd Schema\".\"Customer Table\"(id), happened timestamptz not null, amount numeric(12,3), ratio double precision, "
                    + "flag boolean, payload jsonb, raw bytea, tags text[], addr inet, uid uuid, note text, "
                    + "total numeric generated always as (amount * 2) stored)");
            s.execute("insert into \"Odd Schema\".\"Customer Table\" (name, email, born, mood) select "
                    + "'cust ' || g || case when g % 7 = 0 then E'\\ttab\\nnewline\\\\back \"q\" ''s' else ' zoë ✓' end, "
                    + "'c' || g || '@example.com', date '1970-01-01' + g, (array['sad','ok','happy'])[g % 3 + 1]::mood "
                    + "from generate_series(1, " + Math.max(1, rows / 10) + ") g");
            s.execute("insert into public.events (customer_id, happened, amount, ratio, flag, payload, raw, tags, addr, uid, note) "
                    + "select (g % " + Math.max(1, rows / 10) + ") + 1, timestamptz '2024-01-01 00:00+00' + g * interval '1 minute', "
                    + "g / 3.0, case when g % 11 = 0 then null else g / 7.0 end, g % 2 = 0, "
                    + "jsonb_build_object('n', g, 's', 'v' || g, 'a', jsonb_build_array(g, g + 1)), "
                    + "decode(md5(g::text), 'hex'), array['t' || g, 'x'], ('10.0.' || (g % 250) || '.1')::inet, "
                    + "md5(g::text)::uuid, case when g % 5 = 0 then null else repeat('n', g % 50) end "
                    + "from generate_series(1, " + rows + ") g");
            s.execute("create index events_happened on public.events (happened)");
            s.execute("create view public.big_events as select id, amount from public.events where amount > 100");
        }
        return name;
    }

    /** pagila from {@code ARCA_DATASETS_DIR} or {@code ../shared/datasets} next to the repository; empty when absent. */
    Optional<String> pagila() throws Exception {
        String configured = System.getenv("ARCA_DATASETS_DIR");
        Path dir = (configured != null && !configured.isBlank() ? Path.of(configured)
                : ServiceProcess.repo().resolveSibling("shared").resolve("datasets")).resolve("pagila");
        if (!Files.isRegularFile(dir.resolve("pagila-schema.sql"))) {
            return Optional.empty();
        }
        String name = databases.createFresh("pagila");
        psql(name, dir.resolve("pagila-schema.sql"));
        psql(name, dir.resolve("pagila-data.sql"));
        return Optional.of(name);
    }

    /** {@code pgbench -i -s scale} (about 15 MB of table per scale unit) plus a mixed-type table. */
    String pgbench(int scale) throws Exception {
        String name = databases.createFresh("bench");
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

    void execute(String database, String sql) throws Exception {
        try (Connection c = databases.connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void psql(String database, Path file) throws Exception {
        String sql;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            // the dataset assigns owners to a "postgres" role the test server may not have
            sql = lines.filter(l -> !l.matches("ALTER .* OWNER TO postgres;")).collect(Collectors.joining("\n", "", "\n"));
        }
        run(List.of(tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database), sql);
    }

    private void run(List<String> command, String stdin) throws IOException, InterruptedException {
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
