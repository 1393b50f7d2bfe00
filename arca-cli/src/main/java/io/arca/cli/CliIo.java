package io.arca.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a command reads from or writes to the world besides the network: environment, home directory, the
 * three standard streams, and whether a person sits at a terminal. Tests run {@link ArcaCli#run} in-process with
 * their own.
 *
 * @param terminal true when stdin and stdout are a terminal: progress bars and questions; false: plain lines
 */
public record CliIo(Map<String, String> env, Path home, InputStream in, PrintStream out, PrintStream err,
        boolean terminal) {

    public CliIo {
        env = Map.copyOf(env);
    }

    /** The real process: its environment, {@code user.home}, System.in/out/err, a console when there is one. */
    public static CliIo system() {
        return new CliIo(System.getenv(), Path.of(System.getProperty("user.home")), System.in, System.out,
                System.err, isTerminal());
    }

    /**
     * Whether stdin and stdout are a terminal. Java 22 to 24 return a console from {@code System.console()} even when
     * the streams are redirected, and added {@code Console.isTerminal()} (Java 22+) to tell; on 21 a console means a
     * terminal. Read by reflection: Arca builds for 21.
     */
    static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** An environment variable, or null when unset or empty. */
    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
