package io.arca.cli.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.cli.ApiCommand;
import io.arca.cli.ExitCode;
import io.arca.cli.http.ApiClient;
import io.arca.cli.output.Column;
import io.arca.cli.resolve.BackupRef;
import io.arca.cli.resolve.SourceRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code arca backups ls|show|rm|pin|unpin|verify|contents}. A backup is an id or {@code <source>@latest}. */
@Command(name = "backups", description = "List, inspect, verify, pin and delete backups",
        subcommands = {BackupsCommand.Ls.class, BackupsCommand.Show.class, BackupsCommand.Rm.class,
            BackupsCommand.Pin.class, BackupsCommand.Unpin.class, BackupsCommand.Cancel.class, VerifyCommand.class,
            ContentsCommand.class})
public final class BackupsCommand {
    static final List<Column> LIST = List.of(Column.of("id", "id"), Column.of("state", "state"),
            Column.time("created", "createdAt"), Column.bytes("size", "/result/logicalSize"),
            Column.bytes("stored", "/result/storedSize"), Column.bytes("new", "/result/newBytes"),
            Column.of("origin", "origin"), Column.of("lifecycle", "lifecycle"),
            new Column("pinned", b -> b.path("pin").isObject() ? "yes" : ""));
    public static final List<Column> SHOW = List.of(Column.of("id", "id"), Column.of("source", "sourceId"),
            Column.of("state", "state"), Column.of("phase", "/progress/phase"), Column.of("error", "error"),
            Column.of("type", "type"), Column.of("origin", "origin"), Column.of("lifecycle", "lifecycle"),
            Column.time("created", "createdAt"), Column.time("finished", "finishedAt"),
            new Column("tables", b -> b.at("/progress/tablesDone").asText("-") + "/"
                    + b.at("/progress/tablesTotal").asText("-")),
            Column.bytes("read", "/progress/bytesRead"), Column.bytes("size", "/result/logicalSize"),
            Column.bytes("stored", "/result/storedSize"), Column.bytes("new", "/result/newBytes"),
            Column.of("dedup ratio", "/result/dedupRatio"), Column.of("server", "/result/serverVersion"),
            Column.of("verification", "/verification/state"), Column.time("verified", "verifiedAt"),
            Column.time("proven restorable", "provenRestorableAt"), Column.of("pin", "/pin/reason"),
            Column.of("labels", "labels"));

    @Command(name = "ls", description = "List backups, newest first")
    static final class Ls extends ApiCommand {
        @Option(names = "--source", paramLabel = "SOURCE", description = "name or id") String source;
        @Option(names = "--state", description = "pending, queued, running, completed, failed, cancelled")
        String state;
        @Option(names = "--lifecycle", description = "live, expiring, deleting, deleted") String lifecycle;
        @Option(names = "--limit", defaultValue = "50", description = "at most N (0: all)") int limit;

        @Override
        protected int run() {
            Map<String, String> query = new LinkedHashMap<>();
            if (source != null) {
                query.put("sourceId", SourceRef.resolve(api(), source).toString());
            }
            query.put("state", state);
            query.put("lifecycle", lifecycle);
            output().list(api().list("/api/v1/backups", query, limit), LIST);
            return ExitCode.OK;
        }
    }

    @Command(name = "show", description = "Show one backup: state, sizes, verification, pin")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "BACKUP", description = "id or <source>@latest") String backup;

        @Override
        protected int run() {
            output().object(api().get("/api/v1/backups/" + BackupRef.resolve(api(), backup)), SHOW);
            return ExitCode.OK;
        }
    }

    @Command(name = "rm", description = "Delete a backup (a delete job; the backup stays listed as history)")
    static final class Rm extends ApiCommand {
        @Parameters(paramLabel = "BACKUP", description = "id or <source>@latest") String backup;
        @Option(names = "--wait", description = "follow the deletion until it ends") boolean await;

        @Override
        protected int run() {
            UUID id = BackupRef.resolve(api(), backup);
            JsonNode deletion = api().delete("/api/v1/backups/" + id);
            String deletionId = deletion.path("id").asText();
            output().note("backup " + id + ": deletion " + deletionId + " requested");
            if (await) {
                deletion = waiter().await("/api/v1/deletions/" + deletionId, "deletion " + deletionId);
            }
            output().object(deletion, List.of(Column.of("id", "id"), Column.of("backup", "backupId"),
                    Column.of("state", "state"), Column.of("phase", "/progress/phase"), Column.of("error", "error")));
            return await ? waiter().exitCode(deletion, "deletion " + deletionId) : ExitCode.OK;
        }
    }

    @Command(name = "pin", description = "Keep a backup whatever retention says (a reason is required)")
    static final class Pin extends ApiCommand {
        @Parameters(paramLabel = "BACKUP", description = "id or <source>@latest") String backup;
        @Option(names = "--reason", required = true) String reason;

        @Override
        protected int run() {
            output().object(api().post("/api/v1/backups/" + BackupRef.resolve(api(), backup) + "/pin",
                    ApiClient.json().createObjectNode().put("reason", reason)), SHOW);
            return ExitCode.OK;
        }
    }

    @Command(name = "unpin", description = "Let retention decide about a pinned backup again")
    static final class Unpin extends ApiCommand {
        @Parameters(paramLabel = "BACKUP", description = "id or <source>@latest") String backup;

        @Override
        protected int run() {
            output().object(api().post("/api/v1/backups/" + BackupRef.resolve(api(), backup) + "/unpin", null),
                    SHOW);
            return ExitCode.OK;
        }
    }

    @Command(name = "cancel", description = "Cancel a backup that has not finished (it writes no manifest)")
    static final class Cancel extends ApiCommand {
        @Parameters(paramLabel = "BACKUP", description = "backup id") String backup;

        @Override
        protected int run() {
            UUID id = BackupRef.resolve(api(), backup);
            output().object(api().post("/api/v1/backups/" + id + "/cancel", null), SHOW);
            output().note("backup " + id + " cancelled");
            return ExitCode.OK;
        }
    }
}
