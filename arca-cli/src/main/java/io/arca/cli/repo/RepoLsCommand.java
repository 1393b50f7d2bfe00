package io.arca.cli.repo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.arca.archive.ArchiveException;
import io.arca.archive.repo.ArchiveRepository;
import io.arca.cli.ExitCode;
import io.arca.cli.http.ApiClient;
import io.arca.cli.output.Column;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arca repo ls [--tenant T]}: every backup in the bucket, newest first, from the manifests. */
@Command(name = "ls", description = "List the backups in the bucket (every tenant, or one)")
final class RepoLsCommand extends RepoSubcommand {
    @Option(names = "--tenant", description = "only this tenant (its id, as the bucket names it)")
    String tenant;

    @Override
    protected int runOffline() {
        RepoAccess access = access();
        List<JsonNode> backups = new ArrayList<>();
        for (String t : tenant != null ? List.of(tenant) : access.tenants()) {
            ArchiveRepository repository = access.repository(t);
            for (String id : repository.listBackupIds()) {
                try {
                    backups.add(RepoBackup.describe(repository.readManifest(id)));
                } catch (ArchiveException e) {
                    io().err().println("arca: backup " + id + " of tenant " + t + ": manifest unreadable: "
                            + e.getMessage());
                }
            }
        }
        backups.sort(Comparator.comparing((JsonNode b) -> b.path("createdAt").asText()).reversed());
        ArrayNode items = ApiClient.json().createArrayNode().addAll(backups);
        output().list(items, List.of(Column.of("id", "id"), new Column("tenant", b -> b.path("tenantName")
                .isTextual() ? b.path("tenantName").asText() : b.path("tenant").asText()),
                Column.of("source", "source"), Column.time("created", "createdAt"),
                Column.bytes("size", "logicalSize"), Column.bytes("stored", "storedSize"),
                Column.of("tables", "tables"),
                Column.of("encrypted", "encrypted")));
        return ExitCode.OK;
    }
}
