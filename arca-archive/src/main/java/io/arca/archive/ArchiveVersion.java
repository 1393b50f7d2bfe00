package io.arca.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this library, as written into manifests ({@code toolVersion}). */
public final class ArchiveVersion {
    private static final String VERSION = load();

    private ArchiveVersion() {
    }

    /** e.g. {@code arca/0.1.0-SNAPSHOT}. */
    public static String toolVersion() {
        return "arca/" + VERSION;
    }

    private static String load() {
        try (InputStream in = ArchiveVersion.class.getResourceAsStream("/io/arca/archive/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
