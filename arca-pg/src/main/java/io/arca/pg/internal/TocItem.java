package io.arca.pg.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One item of a {@code pg_restore --list} table of contents:
 * {@code <dump id>; <catalog table oid> <object oid> <desc> <schema> <name> <owner>}. The description is one of
 * pg_dump's object descriptions, some of which hold spaces ({@code FK CONSTRAINT}, {@code SEQUENCE OWNED BY}); names
 * and owners may hold spaces too, so {@link #text()} (everything after the description) is compared by prefix
 * against names known exactly from elsewhere, never split blindly.
 *
 * @param line      the listing line, as {@code pg_restore --use-list} takes it back
 * @param catalogId {@code "<catalog table oid>/<object oid>"}, e.g. {@code "1259/16420"} ({@code "0/0"} for items
 *                  that have no catalog row of their own: comments, ACLs, attachments)
 * @param desc      the object description, e.g. {@code TABLE}, {@code FK CONSTRAINT}
 * @param text      what follows the description: {@code <schema> <name> <owner>} ({@code -} for no schema)
 */
public record TocItem(String line, String catalogId, String desc, String text) {
    private static final Pattern ITEM = Pattern.compile("(\\d+); (\\d+) (\\d+) (.*)");
    /** pg_dump's descriptions of more than one word, longest first so that a prefix never shadows a longer one. */
    private static final List<String> MULTI_WORD = sortedLongestFirst(List.of("ACCESS METHOD", "BLOB DATA",
            "CHECK CONSTRAINT", "DATABASE PROPERTIES", "DEFAULT ACL", "EVENT TRIGGER", "FK CONSTRAINT",
            "FOREIGN DATA WRAPPER", "FOREIGN SERVER", "FOREIGN TABLE", "INDEX ATTACH", "LARGE OBJECT",
            "MATERIALIZED VIEW", "MATERIALIZED VIEW DATA", "OPERATOR CLASS", "OPERATOR FAMILY", "PROCEDURAL LANGUAGE",
            "PUBLICATION TABLE", "PUBLICATION TABLES IN SCHEMA", "ROW SECURITY", "SECURITY LABEL", "SEQUENCE OWNED BY",
            "SEQUENCE SET", "SHELL TYPE", "STATISTICS DATA", "SUBSCRIPTION TABLE", "TABLE ATTACH", "TABLE DATA",
            "TEXT SEARCH CONFIGURATION", "TEXT SEARCH DICTIONARY", "TEXT SEARCH PARSER", "TEXT SEARCH TEMPLATE",
            "USER MAPPING"));

    /** The items of a listing in order; comment and blank lines are skipped. */
    public static List<TocItem> parseAll(List<String> tableOfContents) {
        List<TocItem> items = new ArrayList<>();
        for (String line : tableOfContents) {
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            items.add(parse(line));
        }
        return items;
    }

    /** @throws IllegalArgumentException for a line that is not an item this version reads */
    public static TocItem parse(String line) {
        Matcher m = ITEM.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a pg_restore --list item: " + line);
        }
        String rest = m.group(4);
        String desc = MULTI_WORD.stream().filter(d -> rest.equals(d) || rest.startsWith(d + " ")).findFirst()
                .orElseGet(() -> rest.contains(" ") ? rest.substring(0, rest.indexOf(' ')) : rest);
        String text = rest.length() > desc.length() ? rest.substring(desc.length() + 1) : "";
        return new TocItem(line, m.group(2) + "/" + m.group(3), desc, text);
    }

    /** The schema this item names ({@code -} for none): the text's first word (schemas with spaces: see below). */
    public boolean inSchema(String schema) {
        return text.startsWith(schema + " ");
    }

    /** Whether the item's text is {@code <schema> <name> <owner>} for this schema and name (owner any). */
    public boolean names(String schema, String name) {
        return text.startsWith(schema + " " + name + " ") || text.equals(schema + " " + name);
    }

    /**
     * The owner: the text's last word. Role names with spaces are cut (only used to list the roles a restore
     * references, where a cut name shows up as a missing role rather than going unnoticed).
     */
    public String owner() {
        int space = text.lastIndexOf(' ');
        return space < 0 ? "" : text.substring(space + 1);
    }

    /** The object oid of the catalog id, 0 when none. */
    public long objectOid() {
        return Long.parseLong(catalogId.substring(catalogId.indexOf('/') + 1));
    }

    private static List<String> sortedLongestFirst(List<String> descs) {
        return descs.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
}
