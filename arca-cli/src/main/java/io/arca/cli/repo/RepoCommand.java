package io.arca.cli.repo;

import picocli.CommandLine.Command;

/**
 * {@code arca repo ls|verify|restore|dump}: a repository read with the bucket and the master key alone — no API, no
 * catalog, no Kafka. What a team that lost its Arca deployment still has.
 */
@Command(name = "repo", description = "Offline recovery: read backups from the bucket and the master key alone",
        subcommands = {RepoLsCommand.class, RepoVerifyCommand.class, RepoRestoreCommand.class,
            RepoDumpCommand.class})
public final class RepoCommand {
}
