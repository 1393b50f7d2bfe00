package io.arca.pg.internal;

import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgEngineException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of pg_dump or psql against a database: connection settings go through the child's environment (never
 * its command line, which other local users can read), inherited {@code PG*} variables are removed so nothing
 * on the host (PGSERVICE, PGOPTIONS, ...) changes what runs, and stderr is kept (its tail) for error messages.
 */
public final class ToolProcess {
    private static final int STDERR_KEEP_BYTES = 8192;

    private final Process process;
    private final String description;
    private final PgConnectionSpec spec;
    private final Thread stderrReader;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private ToolProcess(Process process, String description, PgConnectionSpec spec) {
        this.process = process;
        this.description = description;
        this.spec = spec;
        this.stderrReader = Thread.ofPlatform().daemon().name("arca-pg-stderr").start(this::drainStderr);
    }

    /** Starts {@code command}; {@code spec} (null when the tool connects nowhere) goes into the environment. */
    public static ToolProcess start(List<String> command, PgConnectionSpec spec, String description,
                                    boolean discardStdout) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        if (discardStdout) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        if (spec != null) {
            env.putAll(spec.libpqEnvironment());
        }
        env.put("PGCLIENTENCODING", "UTF8");
        try {
            return new ToolProcess(pb.start(), description, spec);
        } catch (IOException e) {
            throw new PgEngineException(Reason.TOOL_MISSING, "cannot start " + command.getFirst() + " for "
                    + description + ": " + e.getMessage(), e);
        }
    }

    public InputStream stdout() {
        return process.getInputStream();
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits for the exit; a non-zero exit becomes an exception whose reason is read from stderr. */
    public void awaitSuccess(Reason fallback) throws InterruptedException {
        int exit = process.waitFor();
        stderrReader.join();
        if (exit != 0) {
            String err = stderrText();
            String message = description + " failed (exit " + exit + "): " + err.strip();
            throw new PgEngineException(PgErrors.reasonForToolOutput(err, fallback),
                    spec == null ? message : spec.redact(message));
        }
    }

    public String stderrText() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    public void destroy() {
        process.destroyForcibly();
    }

    private void drainStderr() {
        byte[] buf = new byte[4096];
        try (InputStream in = process.getErrorStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (stderr) {
                    stderr.write(buf, 0, n);
                    if (stderr.size() > 2 * STDERR_KEEP_BYTES) {
                        byte[] all = stderr.toByteArray();
                        stderr.reset();
                        stderr.write(all, all.length - STDERR_KEEP_BYTES, STDERR_KEEP_BYTES);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process went away; whatever was read is kept
        }
    }
}
