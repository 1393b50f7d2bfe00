package io.arca.pg;

import io.arca.pg.PgEngineException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PostgreSQL client programs the engine runs: pg_dump (schema sections) and pg_restore (restoring them).
 *
 * <p>{@link #locate()} picks the newest {@code /usr/lib/postgresql/<major>/bin} that has pg_dump (Debian/Ubuntu
 * layout, several majors may be installed side by side), else the programs on {@code PATH}. pg_restore is taken from
 * the same directory as pg_dump, so it reads every archive that pg_dump writes.
 */
public record PgTools(Path pgDump, Path pgRestore) {

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");
    private static final Map<Path, Boolean> TAKES_RESTRICT_KEY = new ConcurrentHashMap<>();
    private static final Map<Path, String> VERSIONS = new ConcurrentHashMap<>();

    /** The newest installed client (see class doc). */
    public static PgTools locate() {
        return newestDebianBin()
                .map(bin -> new PgTools(bin.resolve("pg_dump"), bin.resolve("pg_restore")))
                .orElse(new PgTools(Path.of("pg_dump"), Path.of("pg_restore")));
    }

    /** A configured pg_dump ({@code pgDumpPath}); pg_restore from the same directory if present, else located. */
    public static PgTools withPgDump(Path pgDump) {
        Path parent = pgDump.toAbsolutePath().getParent();
        Path sibling = parent == null ? null : parent.resolve("pg_restore");
        Path pgRestore = sibling != null && Files.isExecutable(sibling) ? sibling : locate().pgRestore();
        return new PgTools(pgDump, pgRestore);
    }

    /**
     * Checks that pg_dump can dump a server of {@code serverVersionNum} ({@code server_version_num}): its major
     * version must be at least the server's. Returns pg_dump's version string.
     */
    public String requirePgDumpFor(int serverVersionNum) {
        String versionLine = versionOf(pgDump);
        int dumpNum = parseVersionNum(versionLine);
        if (major(dumpNum) < major(serverVersionNum)) {
            throw new PgEngineException(Reason.PG_DUMP_TOO_OLD, "pg_dump at " + pgDump + " is version "
                    + display(dumpNum) + ", older than the server's major version " + display(major(serverVersionNum))
                    + "; install a PostgreSQL " + display(major(serverVersionNum))
                    + " (or newer) client and point pgDumpPath at its pg_dump");
        }
        return versionLine;
    }

    /**
     * {@code pg_restore --version}'s first line, e.g. {@code pg_restore (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)}.
     * Asked once per program (every restore reports it).
     */
    public String pgRestoreVersion() {
        return VERSIONS.computeIfAbsent(pgRestore, PgTools::versionOf);
    }

    /**
     * Whether this pg_restore has {@code --restrict-key} (15.14, 16.10, 17.6 and newer: the releases whose scripts
     * carry <code>\restrict</code> guards, with a random key unless one is given). Asked once per program.
     */
    public boolean pgRestoreTakesRestrictKey() {
        return TAKES_RESTRICT_KEY.computeIfAbsent(pgRestore, tool -> helpOf(tool).contains("--restrict-key"));
    }

    private static String helpOf(Path tool) {
        try {
            Process p = new ProcessBuilder(tool.toString(), "--help").redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(30, TimeUnit.SECONDS);
                return out;
            } finally {
                p.destroy();
            }
        } catch (IOException e) {
            throw new PgEngineException(Reason.TOOL_MISSING, "cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgEngineException(Reason.CANCELLED, "interrupted while checking " + tool, e);
        }
    }

    /** {@code <tool> --version}'s first line. */
    static String versionOf(Path tool) {
        Process p;
        try {
            p = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new PgEngineException(Reason.TOOL_MISSING, "cannot run " + tool + ": " + e.getMessage(), e);
        }
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new PgEngineException(Reason.TOOL_MISSING, tool + " --version failed: " + out);
            }
            return out.lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new PgEngineException(Reason.TOOL_MISSING, "cannot read version of " + tool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgEngineException(Reason.CANCELLED, "interrupted while checking " + tool, e);
        } finally {
            p.destroy();
        }
    }

    /** {@code "pg_dump (PostgreSQL) 15.18 (Debian ...)"} → 150018; {@code 9.6.24} → 90624. */
    static int parseVersionNum(String versionLine) {
        Matcher m = VERSION.matcher(versionLine);
        if (!m.find()) {
            throw new PgEngineException(Reason.TOOL_MISSING, "cannot understand tool version: " + versionLine);
        }
        int first = Integer.parseInt(m.group(1));
        int second = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int third = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return first >= 10 ? first * 10000 + second : first * 10000 + second * 100 + third;
    }

    /** The major part of a version number: 150018 → 150000, 90624 → 90600. */
    static int major(int versionNum) {
        return versionNum >= 100000 ? versionNum / 10000 * 10000 : versionNum / 100 * 100;
    }

    private static String display(int versionNum) {
        if (versionNum >= 100000) {
            int minor = versionNum % 10000;
            return versionNum / 10000 + (minor == 0 ? "" : "." + minor);
        }
        int patch = versionNum % 100;
        return versionNum / 10000 + "." + versionNum / 100 % 100 + (patch == 0 ? "" : "." + patch);
    }

    private static Optional<Path> newestDebianBin() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(DEBIAN_ROOT)) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter(d -> Files.isExecutable(d.resolve("bin/pg_dump")))
                    .max(Comparator.comparingDouble(d -> Double.parseDouble(d.getFileName().toString())))
                    .map(d -> d.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
