package io.arca.pg.restore;

import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a restore target holds and what the connected user may do there, for a restore that will touch
 * {@link Request}'s objects. Read-only: the session is {@code READ ONLY}, so inspecting can change nothing.
 *
 * <p>Row counts are exact ({@code count(*)}) for tables up to {@link TableSizes#EXACT_COUNT_MAX_BYTES} each and
 * {@link TableSizes#EXACT_COUNT_BUDGET_BYTES} together (each count also stops after
 * {@link TableSizes#COUNT_TIMEOUT_MILLIS}); other tables get the planner's estimate and {@code rowsEstimated}. That
 * keeps an inspection of a ~1 GB database well under two seconds while small tables — where one deleted row is
 * noticed — are exact.
 *
 * @param databaseExists    false when the target database does not exist (then only server facts are filled in,
 *                          read from the server's {@code postgres} or {@code template1} database when reachable)
 * @param serverVersion     {@code server_version}, e.g. {@code 15.10 (Debian 15.10-0+deb12u1)}; null if unknown
 * @param serverMajor       the major version (15, 17 ...); 0 if unknown
 * @param existingTables    the requested tables that exist in the target, with their current size
 * @param existingSchemas   the requested schemas that exist in the target
 * @param missingRoles      the requested roles that do not exist in the target
 * @param missingExtensions the requested extensions that are not installed in the target database
 * @param superuser         whether the connected user is a superuser
 * @param privilegeProblems sentences naming what the connected user lacks for the request; empty when nothing
 */
public record TargetInspection(boolean databaseExists, String serverVersion, int serverMajor,
                               List<ExistingTable> existingTables, List<String> existingSchemas,
                               List<String> missingRoles, List<String> missingExtensions, boolean superuser,
                               List<String> privilegeProblems) {

    public TargetInspection {
        existingTables = List.copyOf(existingTables);
        existingSchemas = List.copyOf(existingSchemas);
        missingRoles = List.copyOf(missingRoles);
        missingExtensions = List.copyOf(missingExtensions);
        privilegeProblems = List.copyOf(privilegeProblems);
    }

    /**
     * A table of the request present in the target (an ordinary or partitioned table; a partitioned table's rows and
     * bytes are its partitions' together).
     *
     * @param rows          rows there now: exact unless {@code rowsEstimated}; -1 when estimated and the table was
     *                      never analyzed
     * @param rowsEstimated whether {@code rows} is the planner's estimate (a table too large to count quickly)
     * @param bytes         {@code pg_total_relation_size}: heap, indexes and TOAST
     */
    public record ExistingTable(String schema, String table, long rows, boolean rowsEstimated, long bytes) {
        /** {@code schema.table} unquoted, for messages. */
        public String qualifiedName() {
            return schema + "." + table;
        }
    }

    /**
     * What the restore will touch.
     *
     * @param tables         tables it restores, loads or merges
     * @param schemas        schemas its objects live in (created when missing)
     * @param roles          roles it assigns owners or privileges to (empty with skipOwnership)
     * @param extensions     extensions it creates
     * @param needsCreate    objects will be created (needs CREATE on the database or the schemas)
     * @param needsOwnership existing tables will be dropped, truncated or altered (needs their ownership)
     */
    public record Request(Collection<QualifiedTable> tables, Collection<String> schemas, Collection<String> roles,
                          Collection<String> extensions, boolean needsCreate, boolean needsOwnership) {
        public Request {
            tables = List.copyOf(tables);
            schemas = List.copyOf(schemas);
            roles = List.copyOf(roles);
            extensions = List.copyOf(extensions);
        }
    }

    /** A table by its unquoted schema and name (any characters). */
    public record QualifiedTable(String schema, String table) {
    }

    /**
     * Inspects {@code target} for {@code request}. A missing database is reported ({@code databaseExists=false}), not
     * thrown.
     *
     * @throws PgEngineException UNREACHABLE, AUTH_FAILED ... when the server cannot be inspected
     */
    public static TargetInspection of(PgConnectionSpec target, Request request) {
        Connection c;
        try {
            c = JdbcSessions.open(target, Reason.RESTORE_FAILED);
        } catch (PgEngineException e) {
            if (e.reason() == Reason.DATABASE_MISSING) {
                return ofMissingDatabase(target, request);
            }
            throw e;
        }
        try (c) {
            c.setReadOnly(true);
            ServerFacts server = ServerFacts.of(c);
            List<ExistingTable> tables = TableSizes.of(c, request.tables());
            List<String> schemas = existingSchemas(c, request.schemas());
            List<String> missingRoles = missing(c, request.roles(),
                    "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?");
            List<String> missingExtensions = missing(c, request.extensions(),
                    "SELECT 1 FROM pg_catalog.pg_extension WHERE extname = ?");
            List<String> problems = TargetPrivileges.problems(c, request, server.superuser(), schemas,
                    missingRoles, missingExtensions);
            return new TargetInspection(true, server.version(), server.major(), tables, schemas, missingRoles,
                    missingExtensions, server.superuser(), problems);
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "inspecting restore target " + target.describe());
        }
    }

    /** The existing table {@code schema.table}, if the request named it and the target holds it. */
    public Optional<ExistingTable> existing(String schema, String table) {
        return existingTables.stream().filter(t -> t.schema().equals(schema) && t.table().equals(table)).findFirst();
    }

    private static TargetInspection ofMissingDatabase(PgConnectionSpec target, Request request) {
        for (String maintenance : List.of("postgres", "template1")) {
            Connection c;
            try {
                c = JdbcSessions.open(target.withDatabase(maintenance), Reason.RESTORE_FAILED);
            } catch (PgEngineException e) {
                continue; // that database may be missing too, or closed to this user: try the next
            }
            try (c) {
                c.setReadOnly(true);
                ServerFacts server = ServerFacts.of(c);
                List<String> missingRoles = missing(c, request.roles(),
                        "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?");
                List<String> problems = TargetPrivileges.problemsCreatingDatabase(c, target.database(),
                        missingRoles);
                return new TargetInspection(false, server.version(), server.major(), List.of(), List.of(),
                        missingRoles, List.copyOf(request.extensions()), server.superuser(), problems);
            } catch (SQLException e) {
                throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "inspecting server of " + target.describe());
            }
        }
        return new TargetInspection(false, null, 0, List.of(), List.of(), List.of(),
                List.copyOf(request.extensions()), false, List.of("database " + target.database() + " does not "
                        + "exist and neither postgres nor template1 could be opened to check who may create it"));
    }

    private static List<String> existingSchemas(Connection c, Collection<String> schemas) throws SQLException {
        List<String> result = new ArrayList<>();
        for (String schema : schemas) {
            if (exists(c, "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?", schema)) {
                result.add(schema);
            }
        }
        return result;
    }

    private static List<String> missing(Connection c, Collection<String> names, String existsSql)
            throws SQLException {
        List<String> result = new ArrayList<>();
        for (String name : names) {
            if (!exists(c, existsSql, name)) {
                result.add(name);
            }
        }
        return result;
    }

    static boolean exists(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The server's version and whether the session's user is a superuser. */
    record ServerFacts(String version, int major, boolean superuser) {
        static ServerFacts of(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('server_version'), "
                    + "current_setting('server_version_num')::int / 10000, "
                    + "(SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new ServerFacts(rs.getString(1), rs.getInt(2), rs.getBoolean(3));
            }
        }
    }
}
