package io.arca.cli.wait;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.cli.CliIo;
import io.arca.cli.ExitCode;
import io.arca.cli.http.ApiClient;
import io.arca.cli.output.Output;
import java.util.Set;

/**
 * {@code --wait}: follows a job (a backup, restore, verification, export or deletion) until it ends, with long polls
 * on its URL ({@code ?waitFor=terminal&timeout=...}), and shows its progress on stderr.
 */
public final class JobWaiter {
    /** The states a job ends in. */
    public static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");

    private final ApiClient api;
    private final CliIo io;
    private final Output output;

    public JobWaiter(ApiClient api, CliIo io, Output output) {
        this.api = api;
        this.io = io;
        this.output = output;
    }

    /**
     * Waits until the job at {@code path} (e.g. {@code /api/v1/backups/<id>}) is in a terminal state and returns its
     * last object. {@code what} names it for people ("backup 0b6f…").
     */
    public JsonNode await(String path, String what) {
        String lastLine = null;
        while (true) {
            JsonNode job = api.get(path + "?waitFor=terminal&timeout=1s");
            String state = job.path("state").asText();
            String line = what + ": " + state + describe(job.path("progress"));
            if (!line.equals(lastLine)) {
                output.note(line);
                lastLine = line;
            }
            if (TERMINAL.contains(state)) {
                return job;
            }
        }
    }

    /** 0 when the job completed, 1 (with its error on stderr) when it failed or was cancelled. */
    public int exitCode(JsonNode job, String what) {
        String state = job.path("state").asText();
        if ("completed".equals(state)) {
            return ExitCode.OK;
        }
        io.err().println("arca: " + what + " " + state + (job.path("error").isTextual()
                ? ": " + job.path("error").asText() : ""));
        return ExitCode.JOB_FAILED;
    }

    private static String describe(JsonNode progress) {
        if (!progress.isObject()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        if (progress.path("phase").isTextual()) {
            s.append(" (").append(progress.path("phase").asText()).append(')');
        }
        if (progress.path("tablesTotal").asInt() > 0) {
            s.append(", tables ").append(progress.path("tablesDone").asInt()).append('/')
                    .append(progress.path("tablesTotal").asInt());
        }
        return s.toString();
    }
}
