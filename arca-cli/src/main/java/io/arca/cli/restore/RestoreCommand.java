package io.arca.cli.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.cli.ApiCommand;
import io.arca.cli.CliException;
import io.arca.cli.ExitCode;
import io.arca.cli.http.ApiClient;
import io.arca.cli.http.ApiProblemException;
import io.arca.cli.resolve.BackupRef;
import io.arca.cli.resolve.SourceRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arca restore <backup> --to <source>/<database>}: every option of POST /restores as a flag. A refusal to
 * overwrite data (409 data-loss-unconfirmed) names the tables that hold rows and the flags that confirm it.
 */
@Command(name = "restore", description = "Restore a backup into a database (a dry run first with --dry-run)")
public final class RestoreCommand extends ApiCommand {
    @Parameters(paramLabel = "BACKUP", description = "id or <source>@latest")
    String backup;
    @Option(names = "--to", required = true, paramLabel = "SOURCE/DATABASE",
            description = "the target: a source (name or id) whose server gets the database, and the database name")
    String to;
    @Option(names = "--tables", split = ",", paramLabel = "PATTERN", description = "only these tables")
    List<String> tables;
    @Option(names = "--mode", description = "replace (default) or merge (by primary key)")
    String mode;
    @Option(names = "--on-conflict", description = "merge: skip (default) or overwrite")
    String onConflict;
    @Option(names = "--drop-existing", description = "drop the restored objects where the target has them")
    boolean dropExisting;
    @Option(names = "--data-only", description = "rows only") boolean dataOnly;
    @Option(names = "--schema-only", description = "definitions only") boolean schemaOnly;
    @Option(names = "--skip-ownership", description = "leave owners and grants out") boolean skipOwnership;
    @Option(names = "--confirm-data-loss", description = "confirm overwriting data the target holds")
    boolean confirmDataLoss;
    @Option(names = "--no-safety-backup", description = "do not back up what the restore overwrites first")
    boolean noSafetyBackup;
    @Option(names = "--dry-run", description = "change nothing; complete with a preview") boolean dryRun;
    @Option(names = "--force", description = "restore a backup a verification found damaged") boolean force;
    @Option(names = "--idempotency-key", paramLabel = "KEY") String idempotencyKey;
    @Option(names = "--wait", description = "follow the restore until it ends (exit 1 if it fails)") boolean await;

    @Override
    protected int run() {
        int slash = to.indexOf('/');
        if (slash <= 0 || slash == to.length() - 1) {
            throw CliException.usage("--to " + to + ": expected <source>/<database>, e.g. shop/shop_restored");
        }
        UUID backupId = BackupRef.resolve(api(), backup);
        UUID target = SourceRef.resolve(api(), to.substring(0, slash));
        Map<String, String> headers = new HashMap<>();
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        JsonNode restore;
        try {
            restore = api().send("POST", "/api/v1/restores", body(backupId, target, to.substring(slash + 1)),
                    headers);
        } catch (ApiProblemException e) {
            if ("data-loss-unconfirmed".equals(e.type())) {
                throw new CliException(e.exitCode(), e.getMessage() + RestoreText.refusal(e.problem()), e);
            }
            throw e;
        }
        String id = restore.path("id").asText();
        output().note((dryRun ? "dry run " : "restore ") + id + " of backup " + backupId + " into " + to
                + " requested");
        if (await) {
            restore = waiter().await("/api/v1/restores/" + id, (dryRun ? "dry run " : "restore ") + id);
        }
        RestoreText.print(output(), io().out(), restore);
        return await ? waiter().exitCode(restore, "restore " + id) : ExitCode.OK;
    }

    private ObjectNode body(UUID backupId, UUID target, String database) {
        ObjectNode body = ApiClient.json().createObjectNode().put("backupId", backupId.toString());
        body.putObject("target").put("sourceId", target.toString()).put("database", database);
        if (tables != null) {
            body.set("tables", ApiClient.json().valueToTree(tables));
        }
        if (mode != null) {
            body.put("mode", mode);
        }
        if (onConflict != null) {
            body.put("onConflict", onConflict);
        }
        body.put("dropExisting", dropExisting).put("dataOnly", dataOnly).put("schemaOnly", schemaOnly)
                .put("skipOwnership", skipOwnership).put("confirmDataLoss", confirmDataLoss).put("force", force)
                .put("dryRun", dryRun);
        if (noSafetyBackup) {
            body.put("safetyBackup", false);
        }
        return body;
    }
}
