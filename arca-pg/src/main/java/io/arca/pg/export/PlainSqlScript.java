package io.arca.pg.export;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.EntrySource;
import io.arca.pg.Identifiers;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.internal.PostDataSelection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A dump as one plain SQL script, planned as a sequence of segments (see {@link PlainSqlExport} for what the script
 * holds): schema entries converted by pg_restore, and per table a {@code COPY ... FROM stdin;} line, the entry's
 * COPY text as it is, and {@code \.}. The length is the sum of the segments' lengths: an entry's size from the
 * source, a conversion's by running it once; so {@link #writeRange} skips whole segments, opens an entry at an
 * offset, and renders only the segments the range touches.
 *
 * <p>Failures to read the source are thrown as {@link PgEngineException} (or the source's own runtime exception,
 * e.g. a corrupt chunk) before any byte of what could not be read is written; an IOException means the output
 * failed.
 */
public final class PlainSqlScript {
    static final String DATA_HEADER = """
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SELECT pg_catalog.set_config('search_path', '', false);
            """;

    private final List<ScriptSegment> segments;

    private PlainSqlScript(List<ScriptSegment> segments) {
        this.segments = List.copyOf(segments);
    }

    /** Plans the script; with table patterns, lists post-data's items once (pg_restore --list) to select them. */
    static PlainSqlScript plan(PgTools tools, EntrySource source, ScriptOptions options) {
        List<DumpEntry> entries = source.entries().stream().sorted(Comparator.comparing(DumpEntry::kind)).toList();
        Map<String, DumpEntry> dataEntries = new LinkedHashMap<>();
        entries.stream().filter(e -> e.kind() == EntryKind.TABLE_DATA).forEach(e -> dataEntries.put(e.name(), e));
        Set<String> selected = dataEntries.values().stream().filter(e -> options.selects(e.schema(), e.table()))
                .map(DumpEntry::name).collect(Collectors.toSet());
        boolean whole = !options.selectsTables();
        boolean data = !options.schemaOnly();
        PostDataSelection postData = null;
        DumpEntry post = entries.stream().filter(e -> e.kind() == EntryKind.POST_DATA).findFirst().orElse(null);
        if (!whole && post != null) {
            postData = PostDataSelection.of(tableOfContents(tools, source, post), source.postDataItemTables(),
                    source.foreignKeyTables(), dataEntries, selected);
        }
        List<ScriptSegment> segments = new ArrayList<>();
        if (!whole) {
            segments.add(ScriptSegment.Literal.of(SelectionComment.text(options, dataEntries, selected, postData)));
        }
        String key = options.restrictKey();
        boolean headerWritten = false;
        for (DumpEntry e : entries) {
            boolean dataSegment = data && switch (e.kind()) {
                case TABLE_DATA -> selected.contains(e.name());
                case SEQUENCE_VALUES -> whole;
                default -> false;
            };
            if (dataSegment && !headerWritten) {
                segments.add(ScriptSegment.Literal.of(DATA_HEADER));
                headerWritten = true;
            }
            switch (e.kind()) {
                case PRE_DATA -> segments.add(new ConvertedSegment(tools, source, e, null, key));
                case POST_DATA -> segments.add(new ConvertedSegment(tools, source, e,
                        postData == null ? null : postData.kept(), key));
                case LARGE_OBJECTS -> {
                    if (data && whole) {
                        segments.add(new ConvertedSegment(tools, source, e, null, key));
                    }
                }
                case TABLE_DATA -> {
                    if (dataSegment) {
                        segments.add(ScriptSegment.Literal.of("\nCOPY " + Identifiers.qualified(e.schema(), e.table())
                                + Identifiers.columnList(e.columns()) + " FROM stdin;\n"));
                        segments.add(new ScriptSegment.EntryBytes(source, e));
                        segments.add(ScriptSegment.Literal.of("\\.\n"));
                    }
                }
                case SEQUENCE_VALUES -> {
                    if (dataSegment) {
                        segments.add(new ScriptSegment.EntryBytes(source, e));
                    }
                }
            }
        }
        return new PlainSqlScript(segments);
    }

    /** The script's exact length in bytes; the first call converts the schema entries once to count them. */
    public long length() {
        long total = 0;
        for (ScriptSegment s : segments) {
            total += interruptible(s::length);
        }
        return total;
    }

    /** Writes the whole script (the caller closes {@code out}). */
    public void writeTo(OutputStream out) throws IOException {
        for (ScriptSegment s : segments) {
            write(() -> s.write(out, 0, ScriptSegment.UNTIL_END));
        }
    }

    /** Writes bytes {@code first..last} (inclusive) of the script; 0 &lt;= first &lt;= last &lt; {@link #length()}. */
    public void writeRange(OutputStream out, long first, long last) throws IOException {
        long length = length();
        if (first < 0 || last < first || last >= length) {
            throw new IllegalArgumentException("range " + first + "-" + last + " is outside the script's " + length
                    + " bytes");
        }
        long start = 0;
        for (ScriptSegment s : segments) {
            long end = start + interruptible(s::length);
            if (end > first && start <= last) {
                long from = Math.max(first, start) - start;
                // a segment that ends inside the range is written to its end, which checks its length too
                long to = end <= last + 1 ? ScriptSegment.UNTIL_END : last + 1 - start;
                write(() -> s.write(out, from, to));
            }
            if (end > last) {
                return;
            }
            start = end;
        }
    }

    /** {@code pg_restore --list} of a custom-format entry, fed from the source. */
    private static List<String> tableOfContents(PgTools tools, EntrySource source, DumpEntry entry) {
        List<String> cmd = List.of(tools.pgRestore().toString(), "--list");
        return interruptible(() -> {
            try (PgRestorePipe pipe = PgRestorePipe.start(cmd, source, entry, "pg_restore --list of " + entry.name());
                 InputStream out = pipe.stdout()) {
                String toc = new String(out.readAllBytes(), StandardCharsets.UTF_8);
                pipe.finish();
                return toc.lines().toList();
            } catch (IOException e) {
                throw new PgEngineException(Reason.SOURCE_FAILED, "reading pg_restore --list of " + entry.name(), e);
            }
        });
    }

    private interface Step<T> {
        T run() throws InterruptedException;
    }

    private interface WriteStep {
        long run() throws IOException, InterruptedException;
    }

    private static <T> T interruptible(Step<T> step) {
        try {
            return step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgEngineException(Reason.CANCELLED, "plain SQL script interrupted", e);
        }
    }

    /** A write: its IOException is the output's and passes as it is. */
    private static void write(WriteStep step) throws IOException {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgEngineException(Reason.CANCELLED, "plain SQL script interrupted", e);
        }
    }
}
