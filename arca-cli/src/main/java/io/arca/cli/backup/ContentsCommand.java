package io.arca.cli.backup;

import io.arca.cli.ApiCommand;
import io.arca.cli.ExitCode;
import io.arca.cli.output.Column;
import io.arca.cli.resolve.BackupRef;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code arca backups contents <backup>}: what it holds, one line per table (and schema, sequences, ...). */
@Command(name = "contents", description = "What a backup holds: tables with rows and bytes")
final class ContentsCommand extends ApiCommand {
    @Parameters(paramLabel = "BACKUP", description = "id or <source>@latest")
    String backup;
    @Option(names = "--limit", defaultValue = "0", description = "at most N entries (0: all)")
    int limit;

    @Override
    protected int run() {
        output().list(api().list("/api/v1/backups/" + BackupRef.resolve(api(), backup) + "/contents", Map.of(),
                limit), List.of(Column.of("kind", "kind"), new Column("table", e -> e.path("table").isTextual()
                        ? e.path("schema").asText() + "." + e.path("table").asText() : e.path("name").asText()),
                Column.of("rows", "rows"), Column.bytes("bytes", "bytes"), Column.bytes("stored", "storedBytes"),
                Column.of("chunks", "chunkCount")));
        return ExitCode.OK;
    }
}
