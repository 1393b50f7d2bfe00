package io.arca.pg.restore;

import io.arca.pg.DumpRelation;
import io.arca.pg.internal.TocItem;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which relation a schema item belongs to: from the dump plan's item relations when recorded (version 4), else from
 * the item's text, which names the table for defaults, constraints, triggers, rules and policies
 * ({@code <schema> <table> <name> <owner>}), and names the object a comment, security label or ACL is on
 * ({@code <schema> TABLE <name> <owner>}, {@code <schema> COLUMN <table>.<column> <owner>},
 * {@code <schema> CONSTRAINT <name> ON <table> <owner>}).
 */
final class ItemRelations {
    static final List<String> RELATION_DESCS = List.of("TABLE", "SEQUENCE", "VIEW", "MATERIALIZED VIEW",
            "FOREIGN TABLE");
    private static final List<String> DEPENDENT_DESCS = List.of("COMMENT", "SECURITY LABEL", "ACL");
    private static final List<String> ON_TABLE_WORDS = List.of("CONSTRAINT", "TRIGGER", "POLICY", "RULE");

    private final DumpRelations relations;
    private final Map<String, Long> recorded;

    ItemRelations(DumpRelations relations, Map<String, Long> recorded) {
        this.relations = relations;
        this.recorded = recorded;
    }

    static boolean isDependent(TocItem item) {
        return DEPENDENT_DESCS.contains(item.desc());
    }

    /** The relation item is itself (a TABLE, SEQUENCE, VIEW, ... item); null for other items. */
    DumpRelation itself(TocItem item) {
        if (!RELATION_DESCS.contains(item.desc()) && !item.desc().equals("MATERIALIZED VIEW DATA")) {
            return null;
        }
        DumpRelation r = relations.get(item.objectOid());
        return r != null ? r : relations.named(item.text());
    }

    /**
     * The relation a relation-bound item (default, index, constraint, trigger, rule, policy, statistics, sequence
     * ownership, partition attachment) belongs to; null when unknown.
     */
    DumpRelation boundTo(TocItem item) {
        Long oid = recorded.get(item.catalogId());
        if (oid != null) {
            return relations.get(oid);
        }
        return relations.named(item.text());
    }

    /** The relation a comment, security label or ACL is on; null when it is on something else (or unknown). */
    DumpRelation dependentOn(TocItem item) {
        String t = item.text();
        return relations.all().stream().filter(r -> isOn(t, r))
                .max(Comparator.comparingInt(r -> r.name().length())).orElse(null);
    }

    private static boolean isOn(String text, DumpRelation r) {
        String s = r.schema() + " ";
        for (String word : RELATION_DESCS) {
            if (text.startsWith(s + word + " " + r.name() + " ") || text.equals(s + word + " " + r.name())) {
                return true;
            }
        }
        if (text.startsWith(s + "COLUMN " + r.name() + ".")) {
            return true;
        }
        for (String word : ON_TABLE_WORDS) {
            if (text.startsWith(s + word + " ") && (text.contains(" ON " + r.name() + " ")
                    || text.endsWith(" ON " + r.name()))) {
                return true;
            }
        }
        return false;
    }
}
