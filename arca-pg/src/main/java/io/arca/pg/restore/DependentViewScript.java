package io.arca.pg.restore;

import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import io.arca.pg.internal.ToolProcess;
import io.arca.pg.restore.DependentViews.Dependent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the target's views over restored tables ({@link DependentViews}) through a {@code dropExisting} restore:
 * their definitions are taken from the target with {@code pg_dump --table} of exactly those views before the
 * restore's transaction, and inside it they are dropped before the restored tables and re-created from that dump
 * after them.
 *
 * <p>Why pg_dump rather than {@code pg_get_viewdef} and our own DDL: pg_dump already writes everything that belongs
 * to a view, the way a restore of the whole database would bring it back: owner, grants (also on columns),
 * comments, security labels, {@code WITH (security_barrier, check_option)}, column defaults, rules and INSTEAD OF
 * triggers on the view, a materialized view's indexes, tablespace and access method, and its
 * {@code REFRESH MATERIALIZED VIEW} exactly when it was populated; all in dependency order. The target's views come
 * back as the target had them, not as the backup had them.
 *
 * <p>pg_dump runs in its own session, so the dependents are read again inside the transaction after the restored
 * tables are locked (nobody can then create or change a view over them): if anything about them changed since the
 * dump, the restore stops rather than re-create stale definitions.
 */
final class DependentViewScript {
    static final DependentViewScript NONE = new DependentViewScript(List.of(), List.of(), List.of());
    /** pg_dump's header before each archive item: {@code -- Name: actor_info; Type: VIEW; Schema: public; ...}. */
    private static final Pattern HEADER = Pattern.compile(
            "^-- (?:Data for )?Name: (.*); Type: (.*); Schema: (.*); Owner: .*$");

    private final List<String[]> restored;
    private final List<Dependent> dependents;
    private final List<Item> items;

    /** One archive item's SQL, named for messages ({@code view public.actor_info}). */
    record Item(String label, String sql) {
    }

    private DependentViewScript(List<String[]> restored, List<Dependent> dependents, List<Item> items) {
        this.restored = restored;
        this.dependents = dependents;
        this.items = items;
    }

    /**
     * Finds the dependents of what the plan drops and dumps their definitions; {@link #NONE} when there are none.
     * {@code c} must be in autocommit mode (the catalog reads keep no locks).
     */
    static DependentViewScript capture(PgTools tools, PgConnectionSpec target, Connection c, RestorePlan plan)
            throws SQLException, InterruptedException {
        List<String[]> restored = DependentViews.restoredBy(plan);
        List<Dependent> dependents = DependentViews.find(c, restored);
        if (dependents.isEmpty()) {
            return NONE;
        }
        Path dump = null;
        try {
            dump = Files.createTempFile("arca-dependent-views-", ".dump");
            dumpDefinitions(tools, target, dependents, dump);
            String script = RestoreScripts.script(tools, dump, SchemaRestore.tableOfContents(tools, dump,
                    "the dependent views' dump"), RestoreOptions.full(), false, "the dependent views' dump");
            return new DependentViewScript(restored, dependents, items(script));
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.RESTORE_FAILED, "dumping the views that depend on the restored tables");
        } finally {
            if (dump != null) {
                SchemaRestore.deleteQuietly(dump);
            }
        }
    }

    /** The dependents, deepest first. */
    List<Dependent> dependents() {
        return dependents;
    }

    /**
     * In the restore's transaction: locks the restored tables the target has, checks the dependents are still
     * exactly those that were dumped, and drops them.
     */
    void dropUnchanged(Connection c) throws SQLException {
        if (dependents.isEmpty()) {
            return;
        }
        List<String> lockable = DependentViews.lockable(c, restored);
        if (!lockable.isEmpty()) {
            JdbcSessions.execute(c, "LOCK TABLE " + String.join(", ", lockable) + " IN ACCESS EXCLUSIVE MODE");
        }
        List<Dependent> now = DependentViews.find(c, restored);
        if (!now.equals(dependents)) {
            throw new PgEngineException(Reason.RESTORE_FAILED, "the views that depend on the restored tables "
                    + "changed while the restore was preparing (before: " + names(dependents) + "; now: "
                    + names(now) + "); nothing was changed (rolled back): run the restore again");
        }
        DependentViews.drop(c, dependents);
    }

    /** In the restore's transaction, after the restored tables are complete: the dumped SQL, item by item. */
    void recreate(Connection c, PgConnectionSpec target) {
        for (Item item : items) {
            try {
                JdbcSessions.execute(c, item.sql());
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
                throw new PgEngineException(PgErrors.reasonFor(e.getSQLState(), Reason.RESTORE_FAILED),
                        target.redact("the target's " + item.label() + " depends on a restored table and cannot be "
                                + "re-created over it as restored: " + e.getMessage() + state + " (rolled back: the "
                                + "database is as it was). Change or drop " + item.label() + " in the target first, "
                                + "or restore into another database"), e);
            }
        }
        // the dump's settings reset search_path; the session's own settings stay as prepared
        try {
            JdbcSessions.execute(c, "SELECT pg_catalog.set_config('search_path', '', false)");
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "resetting search_path");
        }
    }

    private static void dumpDefinitions(PgTools tools, PgConnectionSpec target, List<Dependent> dependents,
                                        Path file) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tools.pgDump().toString(), "--format=custom", "--compress=0",
                "--encoding=UTF8", "--no-password", "--no-sync", "--file=" + file,
                "--dbname=" + Identifiers.conninfoDbname(target.database())));
        // an exact pattern: inside double quotes every character is literal; no data but REFRESH of populated ones
        dependents.forEach(d -> cmd.add("--table=" + Identifiers.qualified(d.schema(), d.name())));
        ToolProcess p = ToolProcess.start(cmd, target, "pg_dump of the views of " + target.describe()
                + " that depend on the restored tables (" + names(dependents) + ")", true);
        try {
            p.stdin().close();
            p.awaitSuccess(Reason.RESTORE_FAILED);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.RESTORE_FAILED, "starting pg_dump of the dependent views");
        } finally {
            p.destroy();
        }
    }

    /** The script cut at pg_dump's item headers; what precedes the first (session settings) comes first. */
    static List<Item> items(String script) {
        List<Item> result = new ArrayList<>();
        List<String> lines = script.lines().toList();
        String label = "settings of the dependent views' script";
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = i + 2 < lines.size() && lines.get(i).equals("--") && lines.get(i + 2).equals("--")
                    ? HEADER.matcher(lines.get(i + 1)) : null;
            if (m != null && m.matches()) {
                add(result, label, sql);
                label = label(m.group(1), m.group(2), m.group(3));
                sql = new StringBuilder();
                i += 2;
                continue;
            }
            sql.append(lines.get(i)).append('\n');
        }
        add(result, label, sql);
        return result;
    }

    private static void add(List<Item> items, String label, StringBuilder sql) {
        boolean onlyComments = sql.toString().lines().allMatch(l -> l.isBlank() || l.startsWith("--"));
        if (!onlyComments) {
            items.add(new Item(label, sql.toString()));
        }
    }

    private static String label(String name, String type, String schema) {
        String kind = type.toLowerCase(Locale.ROOT);
        if (type.equals("VIEW") || type.equals("MATERIALIZED VIEW")) {
            return kind + " " + schema + "." + name;
        }
        return kind + " " + name + (schema.equals("-") ? "" : " in schema " + schema);
    }

    private static String names(List<Dependent> dependents) {
        return String.join(", ", dependents.stream().map(Dependent::describe).toList());
    }
}
