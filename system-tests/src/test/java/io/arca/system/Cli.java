package io.arca.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.cli.ArcaCli;
import io.arca.cli.CliIo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code arca} CLI run in-process ({@link ArcaCli#run}) against the test system's API, as a user with
 * {@code ARCA_URL} and {@code ARCA_API_KEY} set, a fresh home directory (no profile file unless a test writes one), no
 * terminal. Immutable: {@link #withEnv}, {@link #withStdin} return changed copies.
 */
final class Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env;
    private final Path home;
    private final byte[] stdin;

    private Cli(Map<String, String> env, Path home, byte[] stdin) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.stdin = stdin;
    }

    /** A user of the tenant whose key is {@code apiKey}, on the shared system's API. */
    static Cli of(ArcaSystem system, String apiKey) {
        try {
            Map<String, String> env = new HashMap<>();
            env.put("ARCA_URL", system.apiBaseUrl());
            env.put("ARCA_API_KEY", apiKey);
            return new Cli(env, Files.createTempDirectory("arca-cli-home"), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same user with one variable changed ({@code null} unsets it). */
    Cli withEnv(String name, String value) {
        Map<String, String> changed = new HashMap<>(env);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new Cli(changed, home, stdin);
    }

    Cli withStdin(String text) {
        return new Cli(env, home, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The API key this user sends (ARCA_API_KEY). */
    String apiKey() {
        return env.get("ARCA_API_KEY");
    }

    /** The home directory of this user (where ~/.config/arca/config would be). */
    Path home() {
        return home;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int exit = ArcaCli.run(new CliIo(env, home, new ByteArrayInputStream(stdin), o, e, false), args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** What one command line did: exit code, stdout, stderr. */
    record Result(int exit, String out, String err) {
        /** stdout parsed as JSON (for {@code -o json}). */
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
