package io.arca.cli;

import io.arca.cli.apikey.KeysCommand;
import io.arca.cli.backup.BackupCommand;
import io.arca.cli.backup.BackupsCommand;
import io.arca.cli.completion.CompletionCommand;
import io.arca.cli.download.DownloadCommand;
import io.arca.cli.export.ExportCommand;
import io.arca.cli.repo.RepoCommand;
import io.arca.cli.restore.RestoreCommand;
import io.arca.cli.restore.RestoresCommand;
import io.arca.cli.schedule.SchedulesCommand;
import io.arca.cli.source.SourcesCommand;
import io.arca.cli.status.StatusCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * {@code arca}: the Arca API from a terminal, and offline recovery from the bucket ({@code arca repo}). Every command
 * is a picocli subcommand in a feature package ({@code io.arca.cli.<feature>}); docs/cli.md is the reference.
 */
@Command(name = "arca", mixinStandardHelpOptions = true, versionProvider = ArcaCli.Version.class,
        description = "Arca backup service from the terminal. Configuration: ARCA_URL and ARCA_API_KEY, "
                + "or a profile in ~/.config/arca/config. docs/cli.md has the whole reference.",
        subcommands = {SourcesCommand.class, BackupCommand.class, BackupsCommand.class,
            RestoreCommand.class, RestoresCommand.class, DownloadCommand.class, ExportCommand.class,
            SchedulesCommand.class, KeysCommand.class, StatusCommand.class, RepoCommand.class, CompletionCommand.class,
            CommandLine.HelpCommand.class})
public final class ArcaCli implements Runnable {
    private final CliIo io;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public ArcaCli(CliIo io) {
        this.io = io;
    }

    public CliIo io() {
        return io;
    }

    public static void main(String[] args) {
        System.exit(run(CliIo.system(), args));
    }

    /** Runs one command line and returns its exit code (tests call this in-process). */
    public static int run(CliIo io, String... args) {
        return commandLine(io).execute(args);
    }

    /** The command tree, with Arca's error handling (also used to generate shell completion). */
    public static CommandLine commandLine(CliIo io) {
        CommandLine cli = new CommandLine(new ArcaCli(io));
        withHelpOptions(cli);
        cli.setOut(new PrintWriter(io.out(), true));
        cli.setErr(new PrintWriter(io.err(), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failure(io, e));
        cli.setParameterExceptionHandler(ArcaCli::usageError);
        cli.setExitCodeExceptionMapper(e -> e instanceof CliException c ? c.exitCode() : ExitCode.SERVER);
        return cli;
    }

    /** -h/--help (and -V/--version) on every command and group, not only on the root. */
    private static void withHelpOptions(CommandLine command) {
        command.getCommandSpec().mixinStandardHelpOptions(true);
        command.getSubcommands().values().forEach(ArcaCli::withHelpOptions);
    }

    @Override
    public void run() {
        spec.commandLine().usage(io.err());
        throw CliException.usage("a command is missing (arca --help lists them)");
    }

    /** Every failure of a command: one line on stderr, no stack trace (ARCA_DEBUG=true adds it). */
    private static int failure(CliIo io, Exception e) {
        if ("true".equalsIgnoreCase(io.env("ARCA_DEBUG"))) {
            e.printStackTrace(io.err());
        }
        if (e instanceof CliException c) {
            io.err().println("arca: " + c.getMessage());
            return c.exitCode();
        }
        io.err().println("arca: unexpected error: " + e + " (ARCA_DEBUG=true shows where)");
        return ExitCode.SERVER;
    }

    /** Unknown flags or subcommands, missing arguments: the error, a suggestion when there is one, then usage. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("arca: " + e.getMessage());
        if (!UnmatchedArgumentException.printSuggestions(e, err)) {
            cli.usage(err);
        }
        return ExitCode.USAGE;
    }

    /** The version from the jar's manifest (the Maven project version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ArcaCli.class.getPackage().getImplementationVersion();
            return new String[] {"arca " + (v == null ? "(development build)" : v)};
        }
    }
}
