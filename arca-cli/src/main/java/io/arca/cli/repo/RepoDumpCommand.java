package io.arca.cli.repo;

import io.arca.archive.repo.ArchiveRepository;
import io.arca.cli.CliException;
import io.arca.cli.ExitCode;
import io.arca.cli.GlobalOptions;
import io.arca.cli.output.Formats;
import io.arca.cli.output.PartFile;
import io.arca.export.BackupContent;
import io.arca.export.BackupExports;
import io.arca.export.ExportRefusedException;
import io.arca.export.ExportRequest;
import io.arca.export.RenderedExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arca repo dump <backup> --format sql -o FILE}: the backup as a file, rendered by the same code as the API's
 * downloads (arca-export): a plain SQL script for psql, or the csv/json zips, or the tar of its objects. Written to
 * {@code FILE.part}, renamed when complete.
 */
@Command(name = "dump", description = "Write a backup from the bucket as a plain SQL script (or csv, json, archive)")
final class RepoDumpCommand extends RepoSubcommand {
    @Parameters(paramLabel = "BACKUP", description = "backup id")
    String backupId;
    @Option(names = "--format", defaultValue = "sql", description = "sql (default), csv, json or archive")
    String format;
    @Option(names = "--compression", defaultValue = "none", description = "none (default), gzip or zstd (sql)")
    String compression;
    @Option(names = "--tables", split = ",", paramLabel = "PATTERN", description = "only these tables")
    List<String> tables;

    /** {@code -o} is the file here. */
    @Override
    protected GlobalOptions.Format format() {
        return GlobalOptions.Format.TABLE;
    }

    @Override
    protected int runOffline() throws IOException {
        String file = global.output;
        if (file == null) {
            throw CliException.usage("-o FILE is required ('-' for stdout)");
        }
        RepoAccess access = access();
        ArchiveRepository repository = access.repository(access.tenantOf(backupId));
        BackupContent content = RepoBackupContent.read(access, repository, backupId);
        RenderedExport export;
        try {
            export = BackupExports.prepare(content, ExportRequest.parse(format, compression,
                    tables == null ? List.of() : tables));
        } catch (ExportRefusedException | IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        if ("-".equals(file)) {
            export.writeTo(io().out());
            io().out().flush();
            return ExitCode.OK;
        }
        Path target = Path.of(file);
        long size = PartFile.write(target, export::writeTo);
        output().note("backup " + backupId + " written to " + target + " (" + Formats.bytes(size) + ")");
        return ExitCode.OK;
    }
}
