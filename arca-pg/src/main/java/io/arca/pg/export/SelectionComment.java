package io.arca.pg.export;

import io.arca.pg.DumpEntry;
import io.arca.pg.internal.PostDataSelection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The SQL comment at the top of a script of selected tables, saying what it holds and what it leaves out. */
final class SelectionComment {
    private SelectionComment() {
    }

    static String text(ScriptOptions options, Map<String, DumpEntry> dataEntries, Set<String> selected,
                       PostDataSelection postData) {
        StringBuilder sb = new StringBuilder("--\n-- Arca export of selected tables (patterns: ")
                .append(options.tables().stream().map(p -> clean(p.text())).collect(Collectors.joining(", ")))
                .append(").\n-- Pre-data (types, functions, tables, views, ...) is complete; ")
                .append(options.schemaOnly() ? "rows are exported" : "rows are included")
                .append(" for these ").append(selected.size()).append(" tables only:\n");
        dataEntries.values().stream().filter(e -> selected.contains(e.name()))
                .forEach(e -> sb.append("--   ").append(clean(e.qualifiedTable())).append('\n'));
        int others = dataEntries.size() - selected.size();
        sb.append("-- Left out: the rows of ").append(others).append(others == 1 ? " other table" : " other tables")
                .append(", the contents of large objects and sequence values");
        if (postData != null) {
            sb.append(", ").append(postData.leftOutOfOtherTables())
                    .append(" post-data items (indexes, constraints, their comments) of tables not selected");
            if (!postData.leftOutForeignKeys().isEmpty()) {
                sb.append(",\n-- and these foreign keys, which reference a table not selected or whose tables the backup "
                        + "does not record:\n");
                postData.leftOutForeignKeys().forEach(fk -> sb.append("--   ").append(clean(fk)).append('\n'));
                return sb.append("--\n").toString();
            }
        }
        return sb.append(".\n--\n").toString();
    }

    /** Names may hold line breaks: one would end the comment and turn the rest of the name into SQL. */
    static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }
}
