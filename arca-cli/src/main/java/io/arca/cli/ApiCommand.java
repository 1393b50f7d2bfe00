package io.arca.cli;

import io.arca.cli.config.ApiConfig;
import io.arca.cli.http.ApiClient;
import io.arca.cli.output.Output;
import io.arca.cli.wait.JobWaiter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the API: the global options, the {@link CliIo} of this run, and lazily the
 * {@link ApiClient} (configuration is resolved only when a command needs it, so {@code --help} works without any).
 * Subclasses implement {@link #run()} and return an {@link ExitCode}; failures are thrown as {@link CliException}.
 */
public abstract class ApiCommand implements Callable<Integer> {
    @Mixin
    protected GlobalOptions global;

    @Spec
    protected CommandSpec spec;

    private ApiClient api;
    private Output output;
    private JobWaiter waiter;

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    protected abstract int run() throws Exception;

    protected CliIo io() {
        return ((ArcaCli) spec.root().userObject()).io();
    }

    protected ApiClient api() {
        if (api == null) {
            api = new ApiClient(ApiConfig.resolve(global, io()));
        }
        return api;
    }

    protected Output output() {
        if (output == null) {
            output = new Output(format(), global.quiet, io().out(), io().err());
        }
        return output;
    }

    /** The output format (a command that reads {@code -o} otherwise overrides this). */
    protected GlobalOptions.Format format() {
        return global.format();
    }

    /**
     * Follows a job until it ends (progress on stderr), for {@code --wait}. One per command: {@code exitCode} must know
     * whether {@code await} ended because the user stopped waiting (exit 0, the job goes on).
     */
    protected JobWaiter waiter() {
        if (waiter == null) {
            waiter = new JobWaiter(api(), io(), output());
        }
        return waiter;
    }
}
