package io.arca.cli.repo;

import io.arca.archive.ArchiveException;
import io.arca.archive.repo.ArchiveRepository;
import io.arca.cli.CliException;
import io.arca.cli.ExitCode;
import io.arca.cli.http.ApiClient;
import io.arca.export.BackupContent;
import io.arca.export.BackupEntrySource;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.restore.PgRestorer;
import io.arca.pg.restore.RestoreResult;
import io.arca.pg.restore.RestoreTargets;
import io.arca.pg.restore.TargetDatabase;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arca repo restore <backup> --to postgresql://user@host:port/db}: the restore engine the workers run
 * (arca-pg's PgRestorer, pg_restore for the schema, parallel COPY for rows), fed from the bucket. A database that does
 * not exist is created (and dropped again when the restore fails); into one that exists the restore is one
 * transaction and fails on the first object already there, leaving it as it was. The tenant's keys are unwrapped before anything is created.
 */
@Command(name = "restore", description = "Restore a backup from the bucket into a PostgreSQL database")
final class RepoRestoreCommand extends RepoSubcommand {
    @Parameters(paramLabel = "BACKUP", description = "backup id")
    String backupId;
    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "postgresql://user@host:port/database (password: PGPASSWORD)")
    String to;
    @Option(names = "--tables", split = ",", paramLabel = "PATTERN", description = "only these tables")
    List<String> tables;
    @Option(names = "--jobs", defaultValue = "2", description = "parallel sessions loading rows (default 2)")
    int jobs;

    @Override
    protected int runOffline() throws Exception {
        PgConnectionSpec target = TargetUrl.parse(to, io());
        if (jobs < 1 || jobs > 64) {
            throw CliException.usage("--jobs must be 1-64");
        }
        RepoAccess access = access();
        ArchiveRepository repository = access.repository(access.tenantOf(backupId));
        BackupContent content = RepoBackupContent.read(access, repository, backupId);
        RestoreOptions options = RestoreOptions.full().withParallelism(jobs);
        if (tables != null && !tables.isEmpty()) {
            options = options.withTables(tables.toArray(String[]::new));
        }
        output().note("restoring backup " + backupId + " (" + content.manifest().entries().size() + " entries) into "
                + target.describe());
        // A mark of this run only: RestoreTargets drops and recreates a database that carries the caller's mark (a
        // worker's own partial attempt). A mark per backup would make a second run wipe the database the first run
        // restored, and whatever was written into it since.
        String mark = "arca-repo-restore:" + backupId + ":" + UUID.randomUUID();
        PgConnectionSpec maintenance = target.withDatabase("postgres");
        RestoreTargets.Outcome prepared = null;
        try {
            prepared = RestoreTargets.prepare(maintenance, target.database(), mark);
            RestoreResult result = new PgRestorer(PgTools.locate()).restore(target, options,
                    new BackupEntrySource(content), TargetDatabase.of(prepared));
            output().note("restored " + result.restored().size() + " entries, " + result.totalRows() + " rows in "
                    + result.duration().toMillis() + " ms into " + target.describe() + " (" + prepared + ")");
            if (output().quiet()) {
                io().out().println(target.database());
            } else if (output().json()) {
                output().print(ApiClient.json().createObjectNode().put("backupId", backupId)
                        .put("database", target.database()).put("entries", result.restored().size())
                        .put("rows", result.totalRows()).put("durationMs", result.duration().toMillis())
                        .put("target", prepared.name().toLowerCase(Locale.ROOT)));
            }
            return ExitCode.OK;
        } catch (PgEngineException | ArchiveException e) {
            // a database this run created is dropped again: no half-restored copy, and the command can be re-run
            boolean dropped = prepared == RestoreTargets.Outcome.CREATED
                    && RestoreTargets.dropIfMarked(maintenance, target.database(), mark);
            String reason = e instanceof PgEngineException p ? p.reason().toString() : "archive";
            throw new CliException(ExitCode.JOB_FAILED, "restore failed (" + reason + "): "
                    + target.redact(e.getMessage()) + (dropped ? "; the database it created was dropped"
                    : prepared == RestoreTargets.Outcome.EXISTING ? "; the existing database " + target.database()
                    + " was left as it was (restore into a new name, or drop it first)" : ""), e);
        }
    }
}
