package io.arca.cli.completion;

import io.arca.cli.ArcaCli;
import io.arca.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code arca completion}: the bash completion script picocli generates from the command tree (every command, option
 * and enum value). zsh loads it through {@code bashcompinit}.
 */
@Command(name = "completion", description = "Print the shell completion script: source <(arca completion) in bash; "
        + "in zsh first: autoload -U +X bashcompinit && bashcompinit")
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ArcaCli root = (ArcaCli) spec.root().userObject();
        root.io().out().print(AutoComplete.bash("arca", ArcaCli.commandLine(root.io())));
        return ExitCode.OK;
    }
}
