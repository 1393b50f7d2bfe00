package io.arca.export.zip;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * File names inside an export zip: {@code <schema>.<table><suffix>}, safe to extract anywhere. Characters a file
 * system or an unzip tool treats specially (path separators, control characters, {@code : * ? " < > |}) become
 * {@code _}, a leading dot too (no hidden files, no {@code ..}); names are cut to 200 characters; and names that
 * would collide on a case-insensitive file system get {@code ~2}, {@code ~3}, ... before the suffix.
 */
final class ZipNames {
    private static final int MAX_LENGTH = 200;
    private final Set<String> used = new HashSet<>();

    /** Reserves a fixed name, e.g. {@code schema.sql}. */
    String reserve(String name) {
        used.add(name.toLowerCase(Locale.ROOT));
        return name;
    }

    String of(String schema, String table, String suffix) {
        String base = sanitise(schema + "." + table);
        if (base.length() > MAX_LENGTH) {
            base = base.substring(0, MAX_LENGTH);
        }
        String name = base + suffix;
        for (int n = 2; !used.add(name.toLowerCase(Locale.ROOT)); n++) {
            name = base + "~" + n + suffix;
        }
        return name;
    }

    static String sanitise(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(c -> sb.appendCodePoint(
                Character.isISOControl(c) || "/\\:*?\"<>|".indexOf(c) >= 0 ? '_' : c));
        if (!sb.isEmpty() && sb.charAt(0) == '.') {
            sb.setCharAt(0, '_');
        }
        return sb.toString();
    }
}
