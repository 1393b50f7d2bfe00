package io.arca.pg.internal;

import io.arca.pg.DumpEntry;
import io.arca.pg.ForeignKeyTables;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The post-data items a script of selected tables keeps, from {@code pg_restore --list} of the post-data entry:
 *
 * <ul>
 *   <li>a table's own indexes and constraints (the dump's {@code postDataItemTables}) only when the table is
 *       selected, and with them their comments and security labels and the {@code INDEX ATTACH} of a partition's
 *       index (which name them rather than carry a catalog id);</li>
 *   <li>a foreign key only when its table and the table it references are both known (the dump's
 *       {@code foreignKeyTables}, plans of version 3) and selected: its rows must find theirs;</li>
 *   <li>everything else (triggers, rules, materialized view data, statistics, ...): pre-data is whole, so the
 *       objects they build on exist.</li>
 * </ul>
 */
public final class PostDataSelection {
    /** {@code <dump id>; <catalog table oid> <object oid> <description> <schema> <name> <owner>}. */
    private static final Pattern TOC_ITEM = Pattern.compile("(\\d+); (\\d+) (\\d+) (.*)");
    private static final List<String> TABLE_ITEM_TYPES = List.of("INDEX ", "CONSTRAINT ", "CHECK CONSTRAINT ",
            "FK CONSTRAINT ");

    private final List<String> kept = new ArrayList<>();
    private final List<String> leftOutForeignKeys = new ArrayList<>();
    private int leftOutOfOtherTables;

    /** Items (the text after the catalog ids) of left-out indexes and constraints, with their table. */
    private record Dropped(String item, DumpEntry table) {
    }

    private PostDataSelection() {
    }

    public static PostDataSelection of(List<String> tableOfContents, Map<String, String> itemTables,
                                Map<String, ForeignKeyTables> foreignKeys, Map<String, DumpEntry> dataEntries,
                                Set<String> selected) {
        PostDataSelection s = new PostDataSelection();
        List<String[]> items = new ArrayList<>();
        for (String line : tableOfContents) {
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            Matcher m = TOC_ITEM.matcher(line);
            if (!m.matches()) {
                throw new PgEngineException(Reason.SOURCE_FAILED, "pg_restore --list of post-data has a line this "
                        + "version does not read: " + line);
            }
            items.add(new String[] {line, m.group(2) + "/" + m.group(3), m.group(4)});
        }
        List<Dropped> dropped = new ArrayList<>();
        Boolean[] keep = new Boolean[items.size()]; // null: a dependent, decided once all drops are known
        for (int i = 0; i < items.size(); i++) {
            String[] item = items.get(i);
            String table = itemTables.get(item[1]);
            ForeignKeyTables fk = foreignKeys.get(item[1]);
            if (table != null) {
                keep[i] = selected.contains(table);
                if (!keep[i]) {
                    s.leftOutOfOtherTables++;
                    dropped.add(new Dropped(item[2], dataEntries.get(table)));
                }
            } else if (item[2].startsWith("FK CONSTRAINT ")) {
                keep[i] = fk != null && fk.table() != null && fk.references() != null
                        && selected.contains(fk.table()) && selected.contains(fk.references());
                if (!keep[i]) {
                    if (fk != null && fk.table() != null && !selected.contains(fk.table())) {
                        s.leftOutOfOtherTables++; // a foreign key of a table whose rows are not exported
                    } else {
                        s.leftOutForeignKeys.add(item[2]);
                    }
                    dropped.add(new Dropped(item[2], fk != null && fk.table() != null ? dataEntries.get(fk.table())
                            : tableNamedIn(item[2], dataEntries)));
                }
            } else if (!isDependent(item[2])) {
                keep[i] = true;
            }
        }
        Set<String> dependentsLeftOut = dependentsOf(dropped);
        for (int i = 0; i < items.size(); i++) {
            if (keep[i] == null) {
                keep[i] = !leftOut(items.get(i)[2], dependentsLeftOut);
                if (!keep[i]) {
                    s.leftOutOfOtherTables++;
                }
            }
            if (keep[i]) {
                s.kept.add(items.get(i)[0]); // in the listing's order: pg_restore --use-list restores in list order
            }
        }
        return s;
    }

    /** The {@code pg_restore --use-list} lines to restore. */
    public List<String> kept() {
        return kept;
    }

    /** Foreign keys left out of selected tables (or of tables the dump does not know), as pg_restore lists them. */
    public List<String> leftOutForeignKeys() {
        return leftOutForeignKeys;
    }

    /** Indexes, constraints, their comments and attachments left out because their table is not selected. */
    public int leftOutOfOtherTables() {
        return leftOutOfOtherTables;
    }

    /** The data entry whose schema and table a foreign key's item names (plans without foreign key tables). */
    private static DumpEntry tableNamedIn(String item, Map<String, DumpEntry> dataEntries) {
        return dataEntries.values().stream()
                .filter(e -> item.startsWith("FK CONSTRAINT " + e.schema() + " " + e.table() + " "))
                .findFirst().orElse(null);
    }

    private static boolean isDependent(String item) {
        return item.startsWith("COMMENT ") || item.startsWith("SECURITY LABEL ") || item.startsWith("INDEX ATTACH ");
    }

    private static boolean leftOut(String item, Set<String> dependentsLeftOut) {
        if (item.startsWith("INDEX ATTACH ")) {
            // without an owner pg_restore writes "INDEX ATTACH <schema> <index> ": compared without the separator
            return dependentsLeftOut.contains(item.stripTrailing());
        }
        return dependentsLeftOut.contains(item);
    }

    /**
     * What pg_restore lists for the comments, security labels and partition index attachments of left-out items. An
     * index {@code "INDEX <schema> <name> <owner>"} has {@code "COMMENT <schema> INDEX <name> <owner>"}; a constraint
     * {@code "CONSTRAINT <schema> <table> <name> <owner>"} has {@code "COMMENT <schema> CONSTRAINT <name> ON <table>
     * <owner>"}; the schema and table come from the data entry, and where the name ends and the owner begins is
     * unknown (both may hold spaces), so every split is a candidate.
     */
    private static Set<String> dependentsOf(List<Dropped> dropped) {
        Set<String> result = new HashSet<>();
        for (Dropped d : dropped) {
            if (d.table() == null) {
                continue;
            }
            String schema = d.table().schema();
            for (String type : TABLE_ITEM_TYPES) {
                String index = type + schema + " ";
                String constraint = type + schema + " " + d.table().table() + " ";
                if (type.equals("INDEX ") && d.item().startsWith(index)) {
                    addDependents(result, schema, "INDEX", d.item().substring(index.length()), null);
                } else if (!type.equals("INDEX ") && d.item().startsWith(constraint)) {
                    addDependents(result, schema, "CONSTRAINT", d.item().substring(constraint.length()),
                            d.table().table());
                }
            }
        }
        return result;
    }

    private static void addDependents(Set<String> result, String schema, String kind, String nameAndOwner,
                                      String table) {
        for (int i = nameAndOwner.indexOf(' '); i >= 0; i = nameAndOwner.indexOf(' ', i + 1)) {
            String name = nameAndOwner.substring(0, i);
            String owner = nameAndOwner.substring(i + 1);
            String target = table == null ? kind + " " + name : kind + " " + name + " ON " + table;
            result.add("COMMENT " + schema + " " + target + " " + owner);
            result.add("SECURITY LABEL " + schema + " " + target + " " + owner);
            // a constraint's index has the constraint's name; pg_dump lists an attachment with or without an owner
            result.add("INDEX ATTACH " + schema + " " + name);
            result.add("INDEX ATTACH " + schema + " " + name + " " + owner);
        }
    }
}
