package io.arca.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The file name a download or export gets: {@code <source>-<backup time>.<suffix>}, e.g.
 * {@code orders-20261130T081500Z.sql.gz}. Source names are free text, so anything outside {@code [A-Za-z0-9._-]}
 * becomes {@code _}: the name is safe in a {@code Content-Disposition} header, an object key and a shell.
 */
public final class ExportFileName {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ExportFileName() {
    }

    public static String of(String sourceName, Instant backupTime, String suffix) {
        String safe = sourceName == null ? "" : sourceName.replaceAll("[^A-Za-z0-9._-]", "_");
        safe = safe.replaceAll("^[._]+", "");
        if (safe.isEmpty()) {
            safe = "backup";
        }
        if (safe.length() > 100) {
            safe = safe.substring(0, 100);
        }
        return safe + "-" + TIME.format(backupTime) + suffix;
    }
}
