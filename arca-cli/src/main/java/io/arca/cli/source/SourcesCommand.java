package io.arca.cli.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.cli.ApiCommand;
import io.arca.cli.ExitCode;
import io.arca.cli.Options;
import io.arca.cli.http.ApiClient;
import io.arca.cli.output.Column;
import io.arca.cli.resolve.SourceRef;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code arca sources add|ls|show|check|rm}: the databases Arca backs up. */
@Command(name = "sources", description = "Register, list, check and remove sources (databases to back up)",
        subcommands = {SourcesCommand.Add.class, SourcesCommand.Ls.class, SourcesCommand.Show.class,
            SourcesCommand.Check.class, SourcesCommand.Rm.class})
public final class SourcesCommand {
    static final List<Column> LIST = List.of(Column.of("name", "name"), Column.of("database", "database"),
            new Column("server", s -> s.path("host").asText() + ":" + s.path("port").asText()),
            Column.of("rpo", "rpoStatus"), Column.time("last success", "lastSuccessfulBackupAt"),
            Column.of("id", "id"));
    static final List<Column> SHOW = List.of(Column.of("id", "id"), Column.of("name", "name"),
            Column.of("host", "host"), Column.of("port", "port"), Column.of("database", "database"),
            Column.of("user", "username"), Column.of("ssl mode", "sslMode"), Column.of("labels", "labels"),
            Column.of("rpo status", "rpoStatus"), Column.time("last backup", "lastBackupAt"),
            Column.time("last success", "lastSuccessfulBackupAt"),
            Column.time("proven restorable", "lastProvenRestorableAt"), Column.of("drills", "drillStatus"),
            Column.of("retention", "retention"), Column.time("created", "createdAt"));

    @Command(name = "add", description = "Register a PostgreSQL database. The password comes from stdin "
            + "(--password-stdin), else PGPASSWORD, else a prompt on a terminal; never from a flag.")
    static final class Add extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "unique name in the tenant")
        String name;
        @Option(names = "--host", required = true) String host;
        @Option(names = "--port", defaultValue = "5432") int port;
        @Option(names = "--database", required = true) String database;
        @Option(names = {"--user", "--username"}, required = true) String user;
        @Option(names = "--ssl-mode", paramLabel = "MODE", description = "disable, require, verify-full, ...")
        String sslMode;
        @Option(names = "--label", paramLabel = "KEY=VALUE") List<String> labels;
        @Option(names = "--password-stdin", description = "read the password from stdin") boolean passwordStdin;

        @Override
        protected int run() {
            ObjectNode body = ApiClient.json().createObjectNode().put("name", name).put("type", "postgresql")
                    .put("host", host).put("port", port).put("database", database).put("username", user)
                    .put("password", Password.read(io(), passwordStdin));
            if (sslMode != null) {
                body.put("sslMode", sslMode);
            }
            body.set("labels", ApiClient.json().valueToTree(Options.labels(labels)));
            JsonNode source = api().post("/api/v1/sources", body);
            output().note("source " + name + " registered (" + source.path("id").asText() + ")");
            output().object(source, SHOW);
            return ExitCode.OK;
        }
    }

    @Command(name = "ls", description = "List the tenant's sources")
    static final class Ls extends ApiCommand {
        @Option(names = "--limit", defaultValue = "50", description = "at most N (0: all)") int limit;

        @Override
        protected int run() {
            output().list(api().list("/api/v1/sources", Map.of(), limit), LIST);
            return ExitCode.OK;
        }
    }

    @Command(name = "show", description = "Show one source: recovery point, drills, retention")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "SOURCE", description = "name or id") String source;

        @Override
        protected int run() {
            output().object(api().get("/api/v1/sources/" + SourceRef.resolve(api(), source)), SHOW);
            return ExitCode.OK;
        }
    }

    @Command(name = "check", description = "Connect to the source now: server version and size, or why not")
    static final class Check extends ApiCommand {
        @Parameters(paramLabel = "SOURCE", description = "name or id") String source;

        @Override
        protected int run() {
            JsonNode check = api().post("/api/v1/sources/" + SourceRef.resolve(api(), source) + "/check", null);
            output().object(check, List.of(Column.of("ok", "ok"), Column.of("server version", "serverVersion"),
                    Column.bytes("database size", "databaseSizeBytes"), Column.of("reason", "reason"),
                    Column.of("detail", "detail"), Column.of("elapsed ms", "elapsedMillis")));
            return check.path("ok").asBoolean() ? ExitCode.OK : ExitCode.JOB_FAILED;
        }
    }

    @Command(name = "rm", description = "Remove a source (with --delete-backups: its backups and schedules too)")
    static final class Rm extends ApiCommand {
        @Parameters(paramLabel = "SOURCE", description = "name or id") String source;
        @Option(names = "--delete-backups", description = "also delete its backups and schedules")
        boolean deleteBackups;

        @Override
        protected int run() {
            UUID id = SourceRef.resolve(api(), source);
            api().delete("/api/v1/sources/" + id + (deleteBackups ? "?deleteBackups=true" : ""));
            output().note("source " + source + " removed");
            if (output().quiet()) {
                io().out().println(id);
            }
            return ExitCode.OK;
        }
    }
}
