package io.arca.cli.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.cli.ApiCommand;
import io.arca.cli.ExitCode;
import io.arca.cli.http.ApiClient;
import io.arca.cli.output.Column;
import io.arca.cli.resolve.BackupRef;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arca export <backup> --format F [--wait]}: a file made once by a worker into the bucket (kept 7 days), handed
 * out as a presigned object-store URL; {@code --wait} prints the URL, size and SHA-256 once it is made.
 */
@Command(name = "export", description = "Make an export file of a backup in the bucket (a presigned URL when done)")
public final class ExportCommand extends ApiCommand {
    static final List<Column> SHOW = List.of(Column.of("id", "id"), Column.of("backup", "backupId"),
            Column.of("format", "format"), Column.of("compression", "compression"), Column.of("state", "state"),
            Column.of("error", "error"), Column.of("file", "filename"), Column.bytes("size", "size"),
            Column.of("sha256", "sha256"), Column.time("expires", "expiresAt"), Column.of("url", "url"));

    @Parameters(paramLabel = "BACKUP", description = "id or <source>@latest")
    String backup;
    @Option(names = "--format", required = true, description = "sql, csv, json or archive")
    String format;
    @Option(names = "--compression", description = "sql: gzip (default), zstd or none; csv/json: gzip or none")
    String compression;
    @Option(names = "--tables", split = ",", paramLabel = "PATTERN", description = "only these tables")
    List<String> tables;
    @Option(names = "--wait", description = "wait until the file is made, then print its URL")
    boolean await;

    @Override
    protected int run() {
        UUID id = BackupRef.resolve(api(), backup);
        ObjectNode body = ApiClient.json().createObjectNode().put("format", format);
        if (compression != null) {
            body.put("compression", compression);
        }
        if (tables != null) {
            body.set("tables", ApiClient.json().valueToTree(tables));
        }
        JsonNode export = api().post("/api/v1/backups/" + id + "/exports", body);
        String exportId = export.path("id").asText();
        output().note("export " + exportId + " of backup " + id + " requested");
        if (await) {
            export = waiter().await("/api/v1/exports/" + exportId, "export " + exportId);
        }
        output().object(export, SHOW);
        return await ? waiter().exitCode(export, "export " + exportId) : ExitCode.OK;
    }
}
