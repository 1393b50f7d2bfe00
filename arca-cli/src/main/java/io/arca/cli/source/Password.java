package io.arca.cli.source;

import io.arca.cli.CliException;
import io.arca.cli.CliIo;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A source's password: never a flag value (shell history, {@code ps}). */
final class Password {
    private Password() {
    }

    /** stdin (first line) when asked, else PGPASSWORD, else a prompt without echo on a terminal. */
    static String read(CliIo io, boolean fromStdin) {
        if (fromStdin) {
            try {
                String text = new String(io.in().readAllBytes(), StandardCharsets.UTF_8);
                String line = text.lines().findFirst().orElse("");
                if (line.isEmpty()) {
                    throw CliException.usage("--password-stdin: stdin is empty");
                }
                return line;
            } catch (IOException e) {
                throw CliException.usage("--password-stdin: cannot read stdin: " + e.getMessage());
            }
        }
        if (io.env("PGPASSWORD") != null) {
            return io.env("PGPASSWORD");
        }
        Console console = System.console();
        if (io.terminal() && console != null) {
            char[] password = console.readPassword("password: ");
            if (password != null && password.length > 0) {
                return new String(password);
            }
        }
        throw CliException.usage("no password: pipe it with --password-stdin or set PGPASSWORD");
    }
}
