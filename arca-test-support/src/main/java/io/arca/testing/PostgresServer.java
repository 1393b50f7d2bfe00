package io.arca.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL server of a {@link PostgresRelease} (a newer major version than the test PostgreSQL, for
 * cross-version restores): initdb into a temporary directory ({@code -E UTF8 --locale=C.UTF-8}, as the test
 * PostgreSQL: a generated column such as {@code upper(title)} gives the same value only under the same locale), start
 * on 127.0.0.1, and on {@link #close()} stop it and delete the directory. Start one per version per test class ({@code @BeforeAll}, closed
 * in {@code @AfterAll}): it takes about 1.5 s, 60 MB of memory and 40 MB of disk. A JVM shutdown hook stops it too, should a test run end
 * without closing it.
 *
 * <p>The superuser is {@code arca} (the test PostgreSQL's user name, so dumps that set owners to it restore as they
 * are) with a random password; TCP connections use scram-sha-256 as in production. As root, the server's programs
 * run as the postgres user (PostgreSQL refuses to run as root). The port is the first free one of
 * {@code ARCA_TEST_EXTRA_PG_PORTS} ({@code 15475-15479}: for machines where ports are shared out), else any free port.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "arca";

    private final PostgresRelease release;
    private final Path home;
    private final Path dir;
    private final int port;
    private final String password;
    private final Thread shutdownHook;
    private boolean stopped;

    private PostgresServer(PostgresRelease release, Path home, Path dir, int port, String password) {
        this.release = release;
        this.home = home;
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.shutdownHook = new Thread(this::stopQuietly, "stop " + release);
    }

    /** Starts a fresh server of {@code release}; skips the calling test when its binaries cannot be had. */
    public static PostgresServer start(PostgresRelease release) {
        Path home = PostgresBinaries.require(release);
        try {
            Path dir = Files.createTempDirectory("arca-" + release.name().toLowerCase() + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            PostgresServer server = new PostgresServer(release, home, dir, freePort(), UUID.randomUUID().toString());
            try {
                server.initAndStart();
                return server;
            } catch (IOException | RuntimeException e) {
                server.stopQuietly(); // a half-started server: stop it if it runs, remove its directory
                throw e;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + release + ": " + e.getMessage(), e);
        }
    }

    private void initAndStart() throws IOException {
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, password + "\n");
        if (asRoot()) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            Files.setOwner(pwfile, users.lookupPrincipalByName("postgres"));
        }
        Path data = dir.resolve("data");
        runAsOwner("initdb", List.of("-D", data.toString(), "-U", USER, "--pwfile=" + pwfile, "--auth-local=trust",
                "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
        Files.delete(pwfile);
        // Appended as the file's owner would: we are root or that user; postgresql.conf stays the owner's file.
        Files.writeString(data.resolve("postgresql.conf"), """

                # ---- arca test server: throwaway, durability not needed ----
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = '%s'
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                max_connections = 50
                shared_buffers = 32MB
                log_min_messages = warning
                """.formatted(port, dir), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        runAsOwner("pg_ctl", List.of("-D", data.toString(), "-l", dir.resolve("postgres.log").toString(),
                "-w", "-t", "60", "-s", "start"));
    }

    public PostgresRelease release() {
        return release;
    }

    /** The server's temporary directory (data, log, socket); deleted on close. */
    public Path directory() {
        return dir;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, password);
    }

    /** {@code server_version_num}, e.g. 180004. */
    public int versionNum() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    /** Stops the server (fast shutdown) and deletes its directory; a server that failed to stop is left to inspect. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                runAsOwner("pg_ctl", List.of("-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60",
                        "-s", "stop"));
            }
            PostgresBinaries.deleteRecursively(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop " + release + " in " + dir + ": " + e.getMessage(), e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // called from the hook itself
            }
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
        }
    }

    private void runAsOwner(String program, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (asRoot()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(home.resolve("bin").resolve(program).toString());
        cmd.addAll(args);
        Path out = Files.createTempFile("arca-" + program, ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(program + " did not finish within 2 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                        + Files.readString(out) + serverLog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(program + " interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private String serverLog() {
        Path log = dir.resolve("postgres.log");
        try {
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static int freePort() throws IOException {
        String range = System.getenv("ARCA_TEST_EXTRA_PG_PORTS");
        if (range != null && range.matches("\\d+-\\d+")) {
            String[] bounds = range.split("-");
            for (int p = Integer.parseInt(bounds[0]); p <= Integer.parseInt(bounds[1]); p++) {
                if (isFree(p)) {
                    return p;
                }
            }
            throw new IOException("no free port in ARCA_TEST_EXTRA_PG_PORTS=" + range);
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
