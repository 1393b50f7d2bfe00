package io.arca.pg.restore;

import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The PostgreSQL server a restore writes to: its version, checked against the backed-up server's, and the pg_restore
 * to use for it.
 *
 * <p>Restoring into a newer major version is the common upgrade path and is supported: the dump's SQL (pg_dump of the
 * source's own major version) is valid on later servers, as for {@code pg_dump | psql} upgrades. An older target is
 * refused ({@link Reason#TARGET_VERSION_OLDER}) before anything is written: a newer server's dump can use syntax and
 * catalog features an older one lacks. pg_restore is that of the target's major version when installed (Debian
 * layout, {@code /usr/lib/postgresql/<major>/bin}), else the restorer's own (by default the newest installed), which
 * restores into newer servers too: it connects with libpq and sends the archive's SQL.
 *
 * @param version     the target's {@code server_version}, e.g. {@code 18.4}
 * @param versionNum  the target's {@code server_version_num}, e.g. 180004
 * @param tools       the client programs the restore runs against this target
 * @param toolsReason which pg_restore was chosen and why, for logs and results
 */
public record TargetServer(String version, int versionNum, PgTools tools, String toolsReason) {
    private static final Logger LOG = Logger.getLogger(TargetServer.class);
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final Pattern VERSION = Pattern.compile("^\\s*(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    /**
     * The check a restore makes once the target is reachable: inspects the target, refuses it when it runs an older
     * major version than {@code backupServerVersion} (the dump plan's {@code serverVersion}; null when the archive
     * does not say, then nothing is refused), and logs which pg_restore it will use.
     *
     * @param configured the restorer's own client programs, used when the target's major version has none installed
     * @throws PgEngineException TARGET_VERSION_OLDER, or the connection's failure reason
     */
    public static TargetServer prepare(PgConnectionSpec target, String backupServerVersion, PgTools configured) {
        TargetServer server = inspect(target, configured);
        server.requireNotOlderThan(backupServerVersion, target);
        LOG.infof("restore into %s: PostgreSQL %s, backup of PostgreSQL %s; %s", target.describe(), server.version,
                backupServerVersion == null ? "unknown version" : backupServerVersion, server.toolsReason);
        return server;
    }

    /** The target's version and the pg_restore suited to it; changes nothing (for previews and job results too). */
    public static TargetServer inspect(PgConnectionSpec target, PgTools configured) {
        return of(versionOf(target), configured, DEBIAN_ROOT);
    }

    /**
     * The target server's {@code server_version} and {@code server_version_num}, from a session on {@code target}'s
     * database (a preview of a database that does not exist yet passes the maintenance database).
     */
    public static Version versionOf(PgConnectionSpec target) {
        try (Connection c = JdbcSessions.open(target, Reason.RESTORE_FAILED); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), "
                     + "current_setting('server_version_num')::int")) {
            rs.next();
            return new Version(rs.getString(1), rs.getInt(2));
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "reading the server version of "
                    + target.describe());
        }
    }

    static TargetServer of(Version target, PgTools configured, Path debianRoot) {
        String major = target.majorName();
        Path bin = debianRoot.resolve(major).resolve("bin");
        if (Files.isExecutable(bin.resolve("pg_restore"))) {
            PgTools own = new PgTools(bin.resolve("pg_dump"), bin.resolve("pg_restore"));
            return new TargetServer(target.version(), target.versionNum(), own,
                    "pg_restore of the target's major version " + major + " (" + own.pgRestore() + ")");
        }
        return new TargetServer(target.version(), target.versionNum(), configured, "pg_restore "
                + configured.pgRestore() + " (" + versionOrProblem(configured) + "): no PostgreSQL " + major
                + " client installed in " + bin);
    }

    /** pg_restore's version line; a missing program is reported here and fails the restore when it runs it. */
    private static String versionOrProblem(PgTools tools) {
        try {
            return tools.pgRestoreVersion();
        } catch (PgEngineException e) {
            return e.getMessage();
        }
    }

    /** The major version, e.g. 18 (9.6 for PostgreSQL 9.6). */
    public String major() {
        return new Version(version, versionNum).majorName();
    }

    /** Whether this server runs an older major version than the one {@code backupServerVersion} names. */
    public boolean olderThan(String backupServerVersion) {
        return backupServerVersion != null && majorNum(versionNum) < majorNum(parse(backupServerVersion));
    }

    void requireNotOlderThan(String backupServerVersion, PgConnectionSpec target) {
        if (olderThan(backupServerVersion)) {
            String backupMajor = new Version(backupServerVersion, parse(backupServerVersion)).majorName();
            throw new PgEngineException(Reason.TARGET_VERSION_OLDER, "the target server " + target.describe()
                    + " runs PostgreSQL " + version + ", older than the backed-up server's PostgreSQL "
                    + backupServerVersion + ": restoring into an older major version is not supported (a dump of a "
                    + "newer server can use features the older one lacks); restore into a PostgreSQL " + backupMajor
                    + " or newer server. Nothing was written.");
        }
    }

    /**
     * {@code server_version}-style text to a {@code server_version_num}-style number: {@code "15.18 (Debian ...)"} →
     * 150018, {@code "18beta1"} → 180000, {@code "9.6.24"} → 90624.
     */
    static int parse(String serverVersion) {
        Matcher m = VERSION.matcher(serverVersion);
        if (!m.find()) {
            throw new PgEngineException(Reason.RESTORE_FAILED, "cannot understand server version: " + serverVersion);
        }
        int first = Integer.parseInt(m.group(1));
        int second = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int third = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return first >= 10 ? first * 10000 + second : first * 10000 + second * 100 + third;
    }

    /** 180004 → 180000; 90624 → 90600 (before 10, the major version had two parts). */
    static int majorNum(int versionNum) {
        return versionNum >= 100000 ? versionNum / 10000 * 10000 : versionNum / 100 * 100;
    }

    /** A server's {@code server_version} (e.g. {@code 18.4}) and {@code server_version_num} (e.g. 180004). */
    public record Version(String version, int versionNum) {
        /** The major version as a number: 18, or 9 for 9.6 (see {@link #majorName()} for display). */
        public int major() {
            return versionNum / 10000;
        }

        /** {@code "18"}, or {@code "9.6"} before PostgreSQL 10. */
        public String majorName() {
            return versionNum >= 100000 ? String.valueOf(major()) : major() + "." + versionNum / 100 % 100;
        }
    }
}
