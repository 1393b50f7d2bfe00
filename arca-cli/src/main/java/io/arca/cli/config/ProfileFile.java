package io.arca.cli.config;

import io.arca.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The profile file, {@code $ARCA_CONFIG} or {@code $XDG_CONFIG_HOME/arca/config} or {@code ~/.config/arca/config}:
 * named sections of {@code key = value} lines ({@code #} comments), e.g.
 *
 * <pre>
 * [default]
 * url = http://127.0.0.1:8080
 * api-key = arca_...
 *
 * [prod]
 * url = https://arca.example.com
 * api-key = arca_...
 * </pre>
 *
 * It holds API keys, so like ssh Arca refuses to read one that group or others may read: mode 0600.
 */
public final class ProfileFile {
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final Path path;
    private final Map<String, Map<String, String>> profiles;

    private ProfileFile(Path path, Map<String, Map<String, String>> profiles) {
        this.path = path;
        this.profiles = profiles;
    }

    /** Where the file is looked for, given the environment and the home directory. */
    public static Path location(Map<String, String> env, Path home) {
        String explicit = env.get("ARCA_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("arca").resolve("config");
    }

    /** The file at {@code path}, empty when it does not exist. */
    public static Optional<ProfileFile> read(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        checkPermissions(path);
        try {
            return Optional.of(new ProfileFile(path, parse(path, Files.readAllLines(path))));
        } catch (IOException e) {
            throw CliException.usage("cannot read the profile file " + path + ": " + e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    public Optional<Map<String, String>> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    public Set<String> names() {
        return profiles.keySet();
    }

    private static void checkPermissions(Path path) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                throw CliException.usage("the profile file " + path + " holds API keys and is readable by others; "
                        + "run: chmod 600 " + path);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }

    static Map<String, Map<String, String>> parse(Path path, List<String> lines) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = result.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
                        n -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq <= 0) {
                throw CliException.usage(path + " line " + (i + 1) + ": expected '[profile]' or 'key = value'");
            }
            current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return result;
    }
}
