package io.arca.pg;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Where and how to connect to one PostgreSQL database. The password is never part of {@link #toString()}, of the
 * JDBC URL or of a child process's command line: JDBC gets it as a connection property, pg_dump/psql through
 * {@code PGPASSWORD} in the child's environment.
 *
 * @param sslMode libpq/pgjdbc {@code sslmode}: disable, allow, prefer (default when null), require, verify-ca,
 *                verify-full
 * @param password may be null (trust or peer authentication)
 */
public record PgConnectionSpec(String host, int port, String database, String user, String password, String sslMode) {

    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    /** Seconds to wait for a TCP connection before reporting the server unreachable. */
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    public PgConnectionSpec {
        requireText(host, "host");
        requireText(database, "database");
        requireText(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        sslMode = sslMode == null || sslMode.isBlank() ? "prefer" : sslMode;
        if (!SSL_MODES.contains(sslMode)) {
            throw new IllegalArgumentException("sslMode must be one of " + SSL_MODES + ", was " + sslMode);
        }
    }

    /** The same server and credentials, another database (e.g. the maintenance database {@code postgres}). */
    public PgConnectionSpec withDatabase(String otherDatabase) {
        return new PgConnectionSpec(host, port, otherDatabase, user, password, sslMode);
    }

    /** JDBC URL without credentials; pass {@link #jdbcProperties()} along with it. */
    public String jdbcUrl() {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        // pgjdbc URL-decodes the database path segment, so any name (spaces, quotes, non-ASCII) survives.
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** Connection properties for pgjdbc: user, password, sslmode, timeouts, application name. */
    public Properties jdbcProperties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("sslmode", sslMode);
        props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", "arca");
        return props;
    }

    /** libpq environment for pg_dump/psql child processes (includes {@code PGPASSWORD}; never log it). */
    public Map<String, String> libpqEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", host);
        env.put("PGPORT", String.valueOf(port));
        env.put("PGDATABASE", database);
        env.put("PGUSER", user);
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        env.put("PGSSLMODE", sslMode);
        env.put("PGCONNECT_TIMEOUT", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        env.put("PGAPPNAME", "arca");
        return env;
    }

    /** Short description for messages: {@code user@host:port/database}. */
    public String describe() {
        return user + "@" + host + ":" + port + "/" + database;
    }

    /** Replaces any occurrence of the password in {@code text} (defence in depth for messages from tools). */
    public String redact(String text) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "******");
    }

    @Override
    public String toString() {
        return "PgConnectionSpec[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
                + ", password=" + (password == null ? "(none)" : "******") + ", sslMode=" + sslMode + "]";
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, name + " is required").isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
