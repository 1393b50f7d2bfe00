package io.arca.cli.restore;

import io.arca.cli.ApiCommand;
import io.arca.cli.ExitCode;
import io.arca.cli.output.Column;
import io.arca.cli.resolve.BackupRef;
import io.arca.cli.resolve.Ids;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code arca restores ls|show|cancel}. */
@Command(name = "restores", description = "List, inspect and cancel restores",
        subcommands = {RestoresCommand.Ls.class, RestoresCommand.Show.class, RestoresCommand.Cancel.class})
public final class RestoresCommand {
    @Command(name = "ls", description = "List restores, newest first")
    static final class Ls extends ApiCommand {
        @Option(names = "--backup", paramLabel = "BACKUP", description = "only restores of this backup") String backup;
        @Option(names = "--limit", defaultValue = "50", description = "at most N (0: all)") int limit;

        @Override
        protected int run() {
            Map<String, String> query = new LinkedHashMap<>();
            if (backup != null) {
                query.put("backupId", BackupRef.resolve(api(), backup).toString());
            }
            output().list(api().list("/api/v1/restores", query, limit), List.of(Column.of("id", "id"),
                    Column.of("backup", "backupId"), Column.of("database", "/target/database"),
                    Column.of("state", "state"), Column.of("dry run", "dryRun"), Column.time("created", "createdAt")));
            return ExitCode.OK;
        }
    }

    @Command(name = "show", description = "Show one restore, with its preview for a dry run")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "RESTORE", description = "restore id") String restore;

        @Override
        protected int run() {
            RestoreText.print(output(), io().out(), api().get("/api/v1/restores/" + Ids.require(restore,
                    "restore id")));
            return ExitCode.OK;
        }
    }

    @Command(name = "cancel", description = "Cancel a restore that has not finished")
    static final class Cancel extends ApiCommand {
        @Parameters(paramLabel = "RESTORE", description = "restore id") String restore;

        @Override
        protected int run() {
            UUID id = Ids.require(restore, "restore id");
            RestoreText.print(output(), io().out(), api().post("/api/v1/restores/" + id + "/cancel", null));
            output().note("restore " + id + " cancelled");
            return ExitCode.OK;
        }
    }
}
