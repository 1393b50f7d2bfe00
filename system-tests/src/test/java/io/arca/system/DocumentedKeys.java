package io.arca.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys a Markdown file documents: the backticked keys in the first cell of every table whose header
 * starts with "key". A name that starts with a dot continues the key before it in the same cell, so
 * {@code `arca.topics.jobs` / `.events`} documents {@code arca.topics.jobs} and {@code arca.topics.events}. Other
 * backticked words (environment variables, defaults) are not keys and are skipped.
 */
final class DocumentedKeys {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9*-]+)+");
    private static final Pattern CONTINUATION = Pattern.compile("(\\.[a-z0-9*-]+)+");
    private static final Pattern SEPARATOR_ROW = Pattern.compile("\\|[\\s|:-]*");

    private DocumentedKeys() {
    }

    static Set<String> in(Path markdown) throws IOException {
        return in(Files.readAllLines(markdown));
    }

    static Set<String> in(List<String> lines) {
        Set<String> keys = new TreeSet<>();
        boolean previousWasRow = false;
        boolean keyTable = false;
        for (String line : lines) {
            boolean row = line.startsWith("|");
            if (row && !previousWasRow) {
                keyTable = firstCell(line).startsWith("key");
            } else if (row && keyTable && !SEPARATOR_ROW.matcher(line).matches()) {
                keys.addAll(keysOfCell(firstCell(line)));
            }
            previousWasRow = row;
        }
        return keys;
    }

    static List<String> keysOfCell(String cell) {
        List<String> keys = new ArrayList<>();
        String last = null;
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            String name = code.group(1);
            if (KEY.matcher(name).matches()) {
                last = name;
            } else if (CONTINUATION.matcher(name).matches()) {
                if (last == null) {
                    throw new IllegalArgumentException("`" + name + "` continues no key before it: " + cell);
                }
                last = last.substring(0, last.lastIndexOf('.')) + name;
            } else {
                continue;
            }
            keys.add(last);
        }
        return keys;
    }

    private static String firstCell(String row) {
        String rest = row.substring(1);
        int end = rest.indexOf('|');
        return (end < 0 ? rest : rest.substring(0, end)).strip();
    }
}
