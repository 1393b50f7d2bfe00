package io.arca.cli.wait;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.cli.CliIo;
import io.arca.cli.ExitCode;
import io.arca.cli.http.ApiClient;
import io.arca.cli.http.ApiProblemException;
import io.arca.cli.output.Formats;
import io.arca.cli.output.Output;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code --wait}: follows a job (backup, restore, verification, export, deletion) until it ends: long polls on its
 * URL ({@code ?waitFor=terminal&timeout=1s}) where the API offers them, else one request a second. On a terminal: a progress bar redrawn in place on stderr, and
 * Ctrl-C asks whether to cancel the job or stop waiting. Otherwise: plain progress lines on stderr, one per phase
 * change and at most one every {@value #LINE_SECONDS} s otherwise; Ctrl-C ends the command as usual.
 */
public final class JobWaiter {
    /** The states a job ends in. */
    public static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");
    private static final long LINE_SECONDS = 5;
    /** Jobs the API can cancel (POST {path}/cancel). */
    private static final Set<String> CANCELLABLE = Set.of("backups", "restores", "verifications");

    private final ApiClient api;
    private final CliIo io;
    private final Output output;
    private boolean detached;

    public JobWaiter(ApiClient api, CliIo io, Output output) {
        this.api = api;
        this.io = io;
        this.output = output;
    }

    /**
     * Waits until the job at {@code path} (e.g. {@code /api/v1/backups/<id>}) ends and returns its last object, or
     * returns earlier when the user chose to stop waiting (then {@link #exitCode} is 0). {@code what} names it.
     */
    public JsonNode await(String path, String what) {
        AtomicBoolean interrupted = new AtomicBoolean();
        SignalHandler previous = io.terminal() ? Signal.handle(new Signal("INT"), s -> interrupted.set(true)) : null;
        long started = System.nanoTime();
        String lastPhase = null;
        long lastLine = 0;
        try {
            while (true) {
                long asked = System.nanoTime();
                JsonNode job = api.get(path + "?waitFor=terminal&timeout=1s");
                JobProgress progress = JobProgress.of(job);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                boolean done = TERMINAL.contains(progress.state());
                if (io.terminal() && !output.quiet()) {
                    if (lastPhase == null) {
                        io.err().println(what + ":");
                        lastPhase = progress.phase();
                    }
                    io.err().print("\r\033[2K" + ProgressBar.render(progress, elapsed) + (done ? "\n" : ""));
                    io.err().flush();
                } else if (done || !progress.phase().equals(lastPhase)
                        || elapsed.toSeconds() - lastLine >= LINE_SECONDS) {
                    output.note(what + ": " + progress.state() + " (" + progress.phase() + ")"
                            + (progress.tablesTotal() > 0 ? ", tables " + progress.tablesDone() + "/"
                                    + progress.tablesTotal() : "")
                            + (progress.bytes() > 0 ? ", " + Formats.bytes(progress.bytes()) : ""));
                    lastPhase = progress.phase();
                    lastLine = elapsed.toSeconds();
                }
                if (done) {
                    return job;
                }
                if (interrupted.getAndSet(false) && askToStop(path, what)) {
                    detached = true;
                    return job;
                }
                pace(asked);
            }
        } finally {
            if (previous != null) {
                Signal.handle(new Signal("INT"), previous);
            }
        }
    }

    /**
     * At most one request a second: backups and restores answer a long poll (up to 1 s), but verifications, exports
     * and deletions answer at once, and a tight loop would load the API for nothing.
     */
    private static void pace(long askedNanos) {
        long left = 1000 - (System.nanoTime() - askedNanos) / 1_000_000;
        if (left > 0) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** 0 when the job completed (or the user stopped waiting), 1 with its error on stderr when it failed. */
    public int exitCode(JsonNode job, String what) {
        String state = job.path("state").asText();
        if ("completed".equals(state) || detached && !TERMINAL.contains(state)) {
            return ExitCode.OK;
        }
        io.err().println("arca: " + what + " " + state + (job.path("error").isTextual()
                ? ": " + job.path("error").asText() : ""));
        return ExitCode.JOB_FAILED;
    }

    /** Ctrl-C on a terminal: true to stop waiting (the job goes on); false after cancelling it (keep following). */
    private boolean askToStop(String path, String what) {
        boolean cancellable = CANCELLABLE.contains(path.split("/")[3]);
        io.err().print("\n" + (cancellable ? "cancel the " + what.split(" ")[0] + ", or stop waiting? [c/w] "
                : "stop waiting (the job goes on)? [w] "));
        io.err().flush();
        String answer = readLine();
        if (cancellable && answer.startsWith("c")) {
            try {
                api.post(path + "/cancel", null);
                io.err().println(what + ": cancel requested");
            } catch (ApiProblemException e) {
                io.err().println("arca: " + e.getMessage());
            }
            return false;
        }
        io.err().println(what + " goes on; follow it with: arca " + path.split("/")[3] + " show "
                + path.substring(path.lastIndexOf('/') + 1));
        return true;
    }

    private String readLine() {
        try {
            String line = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)).readLine();
            return line == null ? "w" : line.strip().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "w";
        }
    }
}
