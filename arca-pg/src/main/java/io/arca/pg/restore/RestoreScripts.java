package io.arca.pg.restore;

import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.internal.PgErrors;
import io.arca.pg.internal.ToolProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * pg_restore's SQL for items of a spooled schema archive ({@code pg_restore --file=- --use-list}), for a restore that
 * runs everything in its own transaction over JDBC. The script is DDL of the restored objects only, small enough to
 * hold; it is run as one multi-statement query, which pgjdbc splits with its own lexer (dollar quotes, comments).
 * The restrict and unrestrict lines (backslash meta-commands) recent pg_restore versions put around a script guard
 * psql against injected meta-commands; they are removed (JDBC runs no meta-commands).
 */
final class RestoreScripts {
    private RestoreScripts() {
    }

    /**
     * @param items the {@code --use-list} lines to restore
     * @param clean drop each item first ({@code --clean --if-exists}), in reverse order, before creating them
     */
    static String script(PgTools tools, Path spool, List<String> items, RestoreOptions options, boolean clean,
                         String description) throws InterruptedException {
        Path list = null;
        try {
            list = SchemaRestore.writeList(items);
            List<String> cmd = new ArrayList<>(List.of(tools.pgRestore().toString(), "--file=-",
                    "--use-list=" + list));
            if (clean) {
                cmd.addAll(List.of("--clean", "--if-exists"));
            }
            if (options.skipOwnership()) {
                cmd.addAll(List.of("--no-owner", "--no-privileges"));
            }
            cmd.add(spool.toString());
            ToolProcess p = ToolProcess.start(cmd, null, "pg_restore script of " + description, false);
            try {
                p.stdin().close();
                String sql;
                try (InputStream out = p.stdout()) {
                    sql = new String(out.readAllBytes(), StandardCharsets.UTF_8);
                }
                p.awaitSuccess(Reason.RESTORE_FAILED);
                return withoutMetaCommands(sql);
            } finally {
                p.destroy();
            }
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.RESTORE_FAILED, "writing the SQL of " + description);
        } finally {
            if (list != null) {
                SchemaRestore.deleteQuietly(list);
            }
        }
    }

    /** The script without its restrict and unrestrict meta-command lines (both carry the same key). */
    static String withoutMetaCommands(String sql) {
        String key = sql.lines().filter(l -> l.startsWith("\\restrict ")).findFirst()
                .map(l -> l.substring("\\restrict ".length())).orElse(null);
        if (key == null) {
            return sql;
        }
        return sql.lines().filter(l -> !l.equals("\\restrict " + key) && !l.equals("\\unrestrict " + key))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
