package io.arca.cli.repo;

import io.arca.archive.ArchiveException;
import io.arca.archive.store.ObjectStoreException;
import io.arca.cli.ApiCommand;
import io.arca.cli.CliException;
import io.arca.cli.ExitCode;
import picocli.CommandLine.Mixin;

/**
 * Base of the {@code arca repo} commands: the repository options besides the output options (the API options are
 * there but unused: no API is asked). Object store failures are exit 5, unreadable archives exit 1.
 */
abstract class RepoSubcommand extends ApiCommand {
    @Mixin
    RepoOptions repo;

    private RepoAccess access;

    RepoAccess access() {
        if (access == null) {
            access = RepoAccess.open(repo, io());
        }
        return access;
    }

    @Override
    protected int run() throws Exception {
        try {
            return runOffline();
        } catch (ObjectStoreException e) {
            throw RepoAccess.unreachable(e);
        } catch (ArchiveException e) {
            throw new CliException(ExitCode.JOB_FAILED, e.getMessage(), e);
        }
    }

    protected abstract int runOffline() throws Exception;
}
