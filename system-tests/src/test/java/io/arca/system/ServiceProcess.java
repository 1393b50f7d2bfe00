package io.arca.system;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Arca service ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as its own JVM with
 * {@code -Xmx256m} (the worker with {@code -XX:+UseParallelGC}), configured through the environment as the local
 * launcher does ({@code deploy/local/lib/services.sh}). Its stdout and stderr go to
 * {@code system-tests/target/service-logs/<instance>.log} (one file, so the order of lines is kept).
 */
final class ServiceProcess implements AutoCloseable {
    /** Every service's {@code -Xmx}, in MiB, as {@code deploy/local/lib/services.sh} runs them. */
    static final int HEAP_MAX_MIB = 256;
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The repository root: the surefire property {@code arca.repo}, else the first parent holding {@code mvnw}. */
    static Path repo() {
        return RepoRoot.path();
    }

    static Path jar(String module) {
        Path jar = repo().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw -B -pl "
                    + "api-service,backup-worker,scheduler-service install -DskipTests)");
        }
        return jar;
    }

    static ServiceProcess start(String module, String instance, Map<String, String> env) throws IOException {
        return start(module, instance, env, freePort());
    }

    /** Starts {@code module} on a given HTTP port (a restart keeps its address for clients that hold it). */
    static ServiceProcess start(String module, String instance, Map<String, String> env, int port) throws IOException {
        Path logs = repo().resolve("system-tests/target/service-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(instance + ".log");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + HEAP_MAX_MIB + "m"));
        if (module.equals("backup-worker")) {
            command.add("-XX:+UseParallelGC"); // as deploy/local/lib/services.sh runs it
        }
        command.addAll(List.of("-jar", jar(module).toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .directory(repo().resolve(module).toFile());
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // as arca-local runs them: loopback only (the bootstrap key works on this API)
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        return new ServiceProcess(instance, pb.start(), port, log);
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log tail when it exits or times out. */
    ServiceProcess awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; "
                        + "last lines of " + log + ":\n" + logTail());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl() + "/q/health/ready").toURL()
                        .openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(3000);
                if (c.getResponseCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready (GET " + baseUrl() + "/q/health/ready) after " + timeout
                + "; last lines of " + log + ":\n" + logTail());
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** utime + stime of the process, in clock ticks (100 per second on Linux). */
    long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The file this process's stdout and stderr go to. */
    Path logFile() {
        return log;
    }

    /** The last lines of this process's output, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Peak resident set size in KiB ({@code VmHWM} of {@code /proc/<pid>/status}), while the process lives. */
    OptionalLong peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException e) {
            // not Linux, or the process is gone
        }
        return OptionalLong.empty();
    }

    /**
     * Bytes of heap still reachable, as the JVM itself counts them: {@code jcmd <pid> GC.class_histogram} runs a
     * full collection and then sums the surviving objects (its {@code Total} line). Costs the process one full GC.
     */
    long liveHeapBytes() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.class_histogram of " + name + " failed: " + out);
        }
        // the last line: "Total <instances> <bytes>"
        for (String line : out.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3 && fields[0].equals("Total")) {
                return Long.parseLong(fields[2]);
            }
        }
        throw new IllegalStateException("no Total line in jcmd GC.class_histogram of " + name + ": " + out);
    }

    /** SIGKILL: the process dies at once, without shutdown hooks (a crash). Returns once it is dead. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + pid() + ") still alive 30 s after SIGKILL");
        }
    }

    /** SIGTERM and return at once (a graceful shutdown: Kubernetes scaling down, {@code docker compose stop}). */
    void signalTerm() {
        process.destroy();
    }

    /** Waits until the process exited; false when it still runs after {@code timeout}. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether this process's output so far contains {@code text}. */
    boolean logContains(String text) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
