package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.cli.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The installed command as a user runs it: the launcher {@code deploy/cli/arca} and the built jar, in a real
 * pseudo-terminal ({@code script} from util-linux). {@code --wait} draws a progress bar that ends at 100%; without a
 * terminal it prints plain lines; Ctrl-C asks whether to cancel the job, and cancelling stops a running backup, which
 * then has no manifest.
 */
class CliTerminalTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static ArcaSystem arca;
    private static ArcaClient tenant;
    private static Path launcher;

    @BeforeAll
    static void start() throws Exception {
        Path script = Path.of("/usr/bin/script");
        boolean required = "true".equalsIgnoreCase(System.getenv("ARCA_REQUIRE_INFRA"));
        if (!Files.isExecutable(script)) {
            if (required) {
                throw new AssertionError("/usr/bin/script (util-linux) is needed for the terminal test");
            }
            Assumptions.abort("/usr/bin/script (util-linux) is not installed: no pseudo-terminal to test in");
        }
        launcher = RepoRoot.path().resolve("deploy/cli/arca");
        assertThat(RepoRoot.path().resolve("arca-cli/target/arca.jar")).as("the build makes the CLI jar").exists();
        arca = ArcaSystem.shared();
        tenant = arca.client().createTenant("cli-tty-" + UUID.randomUUID().toString().substring(0, 6));
    }

    @Test
    void waitDrawsABarThatEndsAtOneHundredPercent() throws Exception {
        String source = source("tty_bar");
        Run tty = Run.inTerminal(env(), launcher.toString(), "backup", source, "--wait");
        assertThat(tty.awaitExit()).as(tty.output()).isZero();
        // each redraw starts with "erase line" (ESC [2K); the last one drawn is the finished bar
        String last = tty.output().substring(tty.output().lastIndexOf("\u001b[2K") + 4);
        assertThat(last).as(tty.output()).startsWith("[####################] 100%").contains("2/2 tables");
        // every redraw fits an 80-column terminal (a wrapped line would leave a copy behind at each redraw)
        String[] redraws = tty.output().split("\u001b\\[2K");
        assertThat(redraws).hasSizeGreaterThan(1);
        for (int i = 1; i < redraws.length; i++) {
            assertThat(redraws[i].lines().findFirst().orElse("")).hasSizeLessThan(80);
        }
        assertThat(tty.output()).contains("state:").contains("completed");

        Run plain = Run.plain(env(), launcher.toString(), "backup", source, "--wait");
        assertThat(plain.awaitExit()).as(plain.output()).isZero();
        assertThat(plain.output()).doesNotContain("\r").doesNotContain("[####").contains(": completed (");
    }

    @Test
    void ctrlCAsksAndCancelsTheRunningBackup() throws Exception {
        HeldBackup held = ctrlCOnAHeldBackup("tty_cancel", "c", ExitCode.JOB_FAILED);
        assertThat(held.tty().output()).contains("cancel requested").contains("cancelled");
        String backupId = held.backupId();
        assertThat(arca.catalogText("select state from backups where id = ?::uuid", backupId)).isEqualTo("cancelled");
        Thread.sleep(3000); // the worker stops at its next heartbeat (2 s): give it the time to write, were it to
        assertThat(arca.objectKeys("tenants/")).noneMatch(k -> k.contains(backupId));

        Cli cli = Cli.of(arca, tenant.key());
        Cli.Result again = cli.run("backups", "cancel", backupId, "-o", "json");
        assertThat(again.exit()).as("cancelling a cancelled backup is a no-op: %s", again).isZero();
        assertThat(again.json().path("state").asText()).isEqualTo("cancelled");
        String done = cli.run("backup", held.sourceId().toString(), "--wait", "-q").out().strip();
        Cli.Result finished = cli.run("backups", "cancel", done);
        assertThat(finished.exit()).as(finished.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(finished.err()).contains("already completed");
    }

    /** Ctrl-C, then "w": the command ends with exit 0 and says how to follow the backup, which goes on and completes. */
    @Test
    void ctrlCThenStopWaitingLeavesTheBackupRunning() throws Exception {
        HeldBackup held = ctrlCOnAHeldBackup("tty_detach", "w", ExitCode.OK);
        assertThat(held.tty().output()).contains("goes on; follow it with: arca backups show");
        assertThat(tenant.awaitBackupCompleted(UUID.fromString(held.backupId()), WAIT).getString("state"))
                .isEqualTo("completed");
    }

    /** A backup run with --wait under a pseudo-terminal, its source, and its id. */
    private record HeldBackup(Run tty, UUID sourceId, String backupId) {
    }

    /**
     * Runs {@code arca backup --wait} in a terminal while the test holds a lock on the source's table, so the backup
     * is provably still running when Ctrl-C arrives; answers the question with {@code answer}, checks the exit code,
     * then lets go of the lock.
     */
    private HeldBackup ctrlCOnAHeldBackup(String prefix, String answer, int exit) throws Exception {
        String database = arca.sources.empty(prefix);
        arca.sources.execute(database, "create table items (id int primary key, note text); "
                + "insert into items select g, md5(g::text) from generate_series(1, 2000) g");
        UUID sourceId = tenant.createSource(arca.env, database);
        Run tty;
        try (Connection blocker = arca.databases.connect(database)) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("lock table items in access exclusive mode");
            }
            tty = Run.inTerminal(env(), launcher.toString(), "backup", sourceId.toString(), "--wait");
            tty.awaitOutput("dumping", WAIT);
            tty.type("\u0003");
            tty.awaitOutput("stop waiting? [c/w]", WAIT);
            tty.type(answer + "\n");
            assertThat(tty.awaitExit()).as(tty.output()).isEqualTo(exit);
            blocker.rollback();
        }
        return new HeldBackup(tty, sourceId, arca.catalogText("select id::text from backups where source_id = ?",
                sourceId));
    }

    private String source(String prefix) throws Exception {
        String database = arca.sources.empty(prefix);
        arca.sources.execute(database, "create table a (id int primary key); insert into a select generate_series(1, "
                + "100); create table b (id int primary key, t text); insert into b values (1, 'x')");
        return tenant.createSource(arca.env, database).toString();
    }

    private static List<String> env() {
        return List.of("ARCA_URL=" + arca.apiBaseUrl(), "ARCA_API_KEY=" + tenant.key(),
                "JAVA_HOME=" + System.getProperty("java.home"), "TERM=xterm");
    }

    /** A process whose merged output is collected as it comes. */
    private static final class Run {
        private final Process process;
        private final StringBuffer output = new StringBuffer();

        private Run(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buffer = new byte[4096];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    output.append("\n[read failed: ").append(e).append(']');
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * Under a pseudo-terminal: {@code script -qfec "exec <command>" /dev/null} (its exit code is the command's).
         * {@code script} runs the command with {@code $SHELL -c}; without {@code exec}, a shell that does not wait
         * cooperatively for its child on SIGINT (dash, the {@code /bin/sh} used when {@code SHELL} is unset) exits
         * 130 on Ctrl-C whatever the command answers, so the test pins {@code SHELL=/bin/sh} and execs.
         */
        static Run inTerminal(List<String> env, String... command) throws IOException {
            List<String> withShell = new ArrayList<>(env);
            withShell.add("SHELL=/bin/sh");
            return start(withShell, List.of("/usr/bin/script", "-qfec", "exec " + String.join(" ", command),
                    "/dev/null"));
        }

        static Run plain(List<String> env, String... command) throws IOException {
            return start(env, List.of(command));
        }

        private static Run start(List<String> env, List<String> command) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
            for (String e : env) {
                pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
            }
            return new Run(pb.start());
        }

        void type(String keys) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write(keys.getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        void awaitOutput(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!output.toString().contains(text)) {
                if (System.nanoTime() > deadline || !process.isAlive() && !output.toString().contains(text)) {
                    Thread.sleep(200);
                    throw new AssertionError("no '" + text + "' in the output:\n" + output);
                }
                Thread.sleep(100);
            }
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after " + WAIT + ":\n" + output);
            }
            Thread.sleep(200); // the reader drains what is left
            return process.exitValue();
        }

        String output() {
            return output.toString();
        }
    }
}
