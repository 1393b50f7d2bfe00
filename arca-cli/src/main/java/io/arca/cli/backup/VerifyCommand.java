package io.arca.cli.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.cli.ApiCommand;
import io.arca.cli.CliException;
import io.arca.cli.ExitCode;
import io.arca.cli.http.ApiClient;
import io.arca.cli.output.Column;
import io.arca.cli.resolve.BackupRef;
import io.arca.cli.resolve.SourceRef;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arca backups verify <backup> [--deep --target SOURCE] [--wait]}: re-reads every chunk (deep: also restores
 * into a scratch database and compares every table). With --wait, exit 1 when the backup is damaged.
 */
@Command(name = "verify", description = "Prove a backup is readable (deep: restorable and equal)")
final class VerifyCommand extends ApiCommand {
    static final List<Column> SHOW = List.of(Column.of("id", "id"), Column.of("backup", "backupId"),
            Column.of("state", "state"), Column.of("deep", "deep"), Column.of("result", "result"),
            Column.of("chunks checked", "/progress/chunksChecked"), Column.of("problems", "problems"),
            Column.of("error", "error"));

    @Parameters(paramLabel = "BACKUP", description = "id or <source>@latest")
    String backup;
    @Option(names = "--deep", description = "also restore into a scratch database and compare tables")
    boolean deep;
    @Option(names = "--target", paramLabel = "SOURCE", description = "deep: the source whose server gets the "
            + "scratch database")
    String target;
    @Option(names = "--wait", description = "follow the verification until it ends")
    boolean await;

    @Override
    protected int run() {
        if (deep && target == null) {
            throw CliException.usage("--deep needs --target SOURCE: the server that gets the scratch database");
        }
        UUID id = BackupRef.resolve(api(), backup);
        ObjectNode body = ApiClient.json().createObjectNode().put("deep", deep);
        if (target != null) {
            body.put("targetSourceId", SourceRef.resolve(api(), target).toString());
        }
        JsonNode verification = api().post("/api/v1/backups/" + id + "/verify", body);
        String vid = verification.path("id").asText();
        output().note("verification " + vid + " of backup " + id + " requested");
        if (!await) {
            output().object(verification, SHOW);
            return ExitCode.OK;
        }
        verification = waiter().await("/api/v1/verifications/" + vid, "verification " + vid);
        output().object(verification, SHOW);
        int exit = waiter().exitCode(verification, "verification " + vid);
        String result = verification.path("result").asText();
        if (exit == ExitCode.OK && !"ok".equals(result)) {
            io().err().println("arca: backup " + id + ": " + result + ", " + verification.path("problems"));
            return ExitCode.JOB_FAILED;
        }
        return exit;
    }
}
