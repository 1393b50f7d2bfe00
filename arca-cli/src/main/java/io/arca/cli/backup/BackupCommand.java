package io.arca.cli.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.cli.ApiCommand;
import io.arca.cli.CliException;
import io.arca.cli.ExitCode;
import io.arca.cli.Options;
import io.arca.cli.http.ApiClient;
import io.arca.cli.resolve.SourceRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code arca backup <source>}: requests a backup now (202), and with {@code --wait} follows it to the end. */
@Command(name = "backup", description = "Back up a source now")
public final class BackupCommand extends ApiCommand {
    @Parameters(paramLabel = "SOURCE", description = "name or id")
    String source;
    @Option(names = "--tables", split = ",", paramLabel = "PATTERN",
            description = "only these (schema.table, * wildcard)")
    List<String> tables;
    @Option(names = "--exclude", split = ",", paramLabel = "PATTERN", description = "leave these tables out")
    List<String> exclude;
    @Option(names = "--exclude-data", split = ",", paramLabel = "PATTERN", description = "keep their schema, not rows")
    List<String> excludeData;
    @Option(names = "--type", defaultValue = "full", description = "full, schema-only or data-only")
    String type;
    @Option(names = "--no-encrypt", description = "store chunks unencrypted (default: encrypted)")
    boolean noEncrypt;
    @Option(names = "--compression", paramLabel = "ALGO[:LEVEL]", description = "zstd[:1-19] (default zstd:3), "
            + "gzip[:1-9] or none")
    String compression;
    @Option(names = "--label", paramLabel = "KEY=VALUE")
    List<String> labels;
    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "a retried command returns the same backup")
    String idempotencyKey;
    @Option(names = "--wait", description = "follow the backup until it ends (exit 1 if it fails)")
    boolean await;

    @Override
    protected int run() {
        ObjectNode body = request(SourceRef.resolve(api(), source).toString(), type, tables, exclude, excludeData,
                !noEncrypt, compression, Options.labels(labels));
        Map<String, String> headers = new HashMap<>();
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        JsonNode backup = api().send("POST", "/api/v1/backups", body, headers);
        String id = backup.path("id").asText();
        output().note("backup " + id + " of " + source + " requested");
        if (await) {
            backup = waiter().await("/api/v1/backups/" + id, "backup " + id);
        }
        output().object(backup, BackupsCommand.SHOW);
        return await ? waiter().exitCode(backup, "backup " + id) : ExitCode.OK;
    }

    /** The POST /backups body (also a schedule's backup options). */
    public static ObjectNode request(String sourceId, String type, List<String> tables, List<String> exclude,
            List<String> excludeData, boolean encrypt, String compression, Map<String, String> labels) {
        ObjectNode body = ApiClient.json().createObjectNode().put("sourceId", sourceId).put("type", type)
                .put("encrypt", encrypt);
        ObjectNode t = body.putObject("tables");
        t.set("include", ApiClient.json().valueToTree(tables == null ? List.of() : tables));
        t.set("exclude", ApiClient.json().valueToTree(exclude == null ? List.of() : exclude));
        t.set("excludeData", ApiClient.json().valueToTree(excludeData == null ? List.of() : excludeData));
        if (compression != null) {
            String[] parts = compression.split(":", 2);
            ObjectNode c = body.putObject("compression").put("algorithm", parts[0]);
            if (parts.length == 2) {
                try {
                    c.put("level", Integer.parseInt(parts[1]));
                } catch (NumberFormatException e) {
                    throw CliException.usage("--compression " + compression + ": the level must be a number");
                }
            }
        }
        body.set("labels", ApiClient.json().valueToTree(labels));
        return body;
    }
}
