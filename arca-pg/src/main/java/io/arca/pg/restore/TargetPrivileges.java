package io.arca.pg.restore;

import io.arca.pg.restore.TargetInspection.QualifiedTable;
import io.arca.pg.restore.TargetInspection.Request;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the connected user lacks for a restore request, as sentences a user can act on. Asked of the server
 * ({@code has_*_privilege}, {@code pg_has_role}) rather than guessed from role attributes, so grants and role
 * memberships count. Names are always bound as parameters.
 */
final class TargetPrivileges {
    private TargetPrivileges() {
    }

    static List<String> problems(Connection c, Request request, boolean superuser, List<String> existingSchemas,
                                 List<String> missingRoles, List<String> missingExtensions) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (request.needsCreate()) {
            List<String> toCreate = request.schemas().stream().filter(s -> !existingSchemas.contains(s)).toList();
            if (!toCreate.isEmpty() && !bool(c, "SELECT has_database_privilege(current_database(), 'CREATE')")) {
                problems.add("creating schema " + String.join(", ", toCreate) + " needs CREATE on database "
                        + text(c, "SELECT current_database()") + ", which " + user(c) + " lacks");
            }
            for (String schema : existingSchemas) {
                if (!bool(c, "SELECT has_schema_privilege(?, 'CREATE')", schema)) {
                    problems.add("creating objects in schema " + schema + " needs CREATE on it, which " + user(c)
                            + " lacks");
                }
            }
        }
        if (request.needsOwnership()) {
            for (QualifiedTable t : request.tables()) {
                String owner = text(c, """
                        SELECT pg_catalog.pg_get_userbyid(c.relowner) FROM pg_catalog.pg_class c
                        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = ? AND c.relname = ? AND NOT pg_has_role(c.relowner, 'USAGE')
                        """, t.schema(), t.table());
                if (owner != null) {
                    problems.add("dropping, emptying or altering table " + t.schema() + "." + t.table()
                            + " needs its ownership: it is owned by " + owner + ", and " + user(c)
                            + " is neither that role nor a member of it");
                }
            }
        }
        addMissingRoles(problems, missingRoles);
        for (String extension : missingExtensions) {
            extensionProblem(c, extension, superuser).ifPresent(problems::add);
        }
        return problems;
    }

    /** For a target database that does not exist yet: may the user create it? */
    static List<String> problemsCreatingDatabase(Connection c, String database, List<String> missingRoles)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        if (!bool(c, "SELECT rolsuper OR rolcreatedb FROM pg_catalog.pg_roles WHERE rolname = current_user")) {
            problems.add("database " + database + " does not exist, and creating it needs the CREATEDB attribute, "
                    + "which " + user(c) + " lacks");
        }
        addMissingRoles(problems, missingRoles);
        return problems;
    }

    private static void addMissingRoles(List<String> problems, List<String> missingRoles) {
        if (!missingRoles.isEmpty()) {
            problems.add((missingRoles.size() == 1 ? "role " : "roles ") + String.join(", ", missingRoles)
                    + (missingRoles.size() == 1 ? " does" : " do") + " not exist in the target: create "
                    + (missingRoles.size() == 1 ? "it" : "them") + " first, or restore with skipOwnership");
        }
    }

    private static Optional<String> extensionProblem(Connection c, String extension, boolean superuser)
            throws SQLException {
        if (text(c, "SELECT name FROM pg_catalog.pg_available_extensions WHERE name = ?", extension) == null) {
            return Optional.of("extension " + extension + " is not available on the target server "
                    + "(its files are not installed there)");
        }
        if (superuser) {
            return Optional.empty();
        }
        // pg_available_extension_versions.trusted exists since PostgreSQL 13; before that only superusers create
        boolean trusted = bool(c, "SELECT current_setting('server_version_num')::int >= 130000")
                && bool(c, "SELECT coalesce(bool_or(v.trusted), false) FROM pg_catalog.pg_available_extensions e "
                + "JOIN pg_catalog.pg_available_extension_versions v ON v.name = e.name "
                + "AND v.version = e.default_version WHERE e.name = ?", extension);
        if (!trusted) {
            return Optional.of("creating extension " + extension + " needs a superuser (it is not a "
                    + "trusted extension), and " + user(c) + " is not one");
        }
        if (!bool(c, "SELECT has_database_privilege(current_database(), 'CREATE')")) {
            return Optional.of("creating extension " + extension + " needs CREATE on database "
                    + text(c, "SELECT current_database()") + ", which " + user(c) + " lacks");
        }
        return Optional.empty();
    }

    private static String user(Connection c) throws SQLException {
        return "user " + text(c, "SELECT current_user");
    }

    private static boolean bool(Connection c, String sql, String... params) throws SQLException {
        String v = text(c, sql, params);
        return "t".equals(v) || "true".equals(v);
    }

    /** The first column of the first row as text, or null when there is no row. */
    static String text(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
