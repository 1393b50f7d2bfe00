package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.internal.PgErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements of a SEQUENCE_VALUES entry (written by {@code dump.SequenceValues}): one setval per sequence, after
 * a search_path reset. Any other statement is refused, so a damaged or foreign archive cannot run SQL of its choosing.
 * A restore of selected tables keeps the setval lines of the sequences those tables own.
 */
final class SequenceValueLines {
    static final String SEARCH_PATH = "SELECT pg_catalog.set_config('search_path', '', false);";
    private static final Pattern SETVAL = Pattern.compile(
            "SELECT pg_catalog\\.setval\\('((?:[^']|'')*)', -?\\d+, (?:true|false)\\);");
    /** {@code "schema"."name"} with doubled quotes inside. */
    private static final Pattern QUALIFIED = Pattern.compile("\"((?:[^\"]|\"\")*)\"\\.\"((?:[^\"]|\"\")*)\"");

    /** A setval statement and the sequence it sets. */
    record Line(String sql, String schema, String name) {
    }

    private SequenceValueLines() {
    }

    /** The entry's setval lines (the entry is small: one line per sequence). */
    static List<Line> read(EntrySource source, DumpEntry entry) {
        String sql;
        try (InputStream in = source.open(entry)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "reading " + entry.name());
        }
        List<Line> lines = new ArrayList<>();
        for (String line : sql.split("\n")) {
            if (line.isBlank() || line.equals(SEARCH_PATH)) {
                continue;
            }
            Matcher m = SETVAL.matcher(line);
            Matcher q = m.matches() ? QUALIFIED.matcher(m.group(1).replace("''", "'")) : null;
            if (q == null || !q.matches()) {
                // the entry is ours (SequenceValues); anything else means a damaged or foreign archive
                throw new PgEngineException(Reason.RESTORE_FAILED, entry.name()
                        + " holds an unexpected statement; refusing to run it");
            }
            lines.add(new Line(line, q.group(1).replace("\"\"", "\""), q.group(2).replace("\"\"", "\"")));
        }
        return lines;
    }

    /** The lines setting the sequences in {@code qualifiedNames} ({@code schema.name}, unquoted); null: all. */
    static List<String> statements(List<Line> lines, Set<String> qualifiedNames) {
        List<String> sql = new ArrayList<>();
        sql.add(SEARCH_PATH);
        lines.stream().filter(l -> qualifiedNames == null || qualifiedNames.contains(l.schema() + "." + l.name()))
                .forEach(l -> sql.add(l.sql()));
        return sql;
    }
}
