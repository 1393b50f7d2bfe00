package io.arca.api.source;

import io.arca.api.source.SourceDtos.SourceCheck;
import io.arca.common.pg.SqlStateReason;
import io.arca.pg.ServerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * Connects to a source as its configured user and reports the server version and database size, or a precise
 * reason it could not (from the SQLSTATE via {@link SqlStateReason}, or the network error underneath the driver's).
 */
@ApplicationScoped
public class SourceChecker {
    @Inject
    PasswordSealer sealer;

    @Inject
    SourcesConfig config;

    @Inject
    SourceDestinationGuard destinations;

    /** @throws io.arca.api.error.ProblemException 422 when the source's destination is not allowed (now) */
    public SourceCheck check(Source source) {
        destinations.check(source.host, source.port);
        long start = System.nanoTime();
        String password = sealer.open(source.id, source.passwordSealed);
        try (Connection connection = connect(source, password, "arca-source-check");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "select current_setting('server_version'), pg_database_size(current_database())")) {
            row.next();
            return new SourceCheck(true, row.getString(1), row.getLong(2), null, null, elapsed(start));
        } catch (SQLException e) {
            return new SourceCheck(false, null, null, reason(e), scrub(e.getMessage(), password), elapsed(start));
        }
    }

    /**
     * What server and database the source reaches ({@link ServerIdentity}), or empty when it cannot be reached now
     * (the caller decides what an unknown identity means; the worker checks again where it runs).
     *
     * @throws io.arca.api.error.ProblemException 422 when the source's destination is not allowed (now)
     */
    public Optional<ServerIdentity> identity(Source source) {
        destinations.check(source.host, source.port);
        try (Connection connection = connect(source, sealer.open(source.id, source.passwordSealed),
                "arca-source-identity")) {
            return Optional.of(ServerIdentity.of(connection));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /**
     * {@link #identity}, but empty instead of a refusal when the source's destination is not allowed: for a source the
     * caller only compares with (a backup's own source, which a restore elsewhere does not need to reach).
     */
    public Optional<ServerIdentity> identityIfAllowed(Source source) {
        return destinations.allows(source.host, source.port) ? identity(source) : Optional.empty();
    }

    private Connection connect(Source source, String password, String applicationName) throws SQLException {
        int timeoutSeconds = config.checkTimeoutSeconds();
        Properties props = new Properties();
        props.setProperty("user", source.username);
        props.setProperty("password", password);
        props.setProperty("sslmode", source.sslMode);
        props.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        props.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        props.setProperty("socketTimeout", String.valueOf(timeoutSeconds));
        props.setProperty("ApplicationName", applicationName);
        String url = "jdbc:postgresql://" + hostForUrl(source.host) + ":" + source.port + "/" + source.databaseName;
        return DriverManager.getConnection(url, props);
    }

    /** Why a connection failed, as a source check reports it: auth-failed, database-missing, unreachable, ... */
    public static String reason(SQLException e) {
        SqlStateReason server = SqlStateReason.of(e.getSQLState()).orElse(null);
        if (server == SqlStateReason.AUTH_FAILED) {
            return "auth-failed";
        }
        if (server == SqlStateReason.DATABASE_MISSING) {
            return "database-missing";
        }
        if (server == SqlStateReason.PERMISSION_DENIED) {
            return "permission-denied";
        }
        // the driver reports network failures as 08xxx too; the cause underneath says which
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return "timeout";
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return "unreachable";
            }
            if (cause instanceof javax.net.ssl.SSLException) {
                return "ssl-error";
            }
        }
        return server == SqlStateReason.UNREACHABLE ? "unreachable" : "error";
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Defence in depth: a driver message should never echo the password, but make sure. */
    private static String scrub(String message, String password) {
        if (message == null) {
            return null;
        }
        return password.isEmpty() ? message : message.replace(password, "****");
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
