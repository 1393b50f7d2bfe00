package io.arca.pg.restore;

import io.arca.pg.DumpRelation;
import io.arca.pg.internal.TocItem;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pre-data items a plan keeps (see {@link PlanBuilder}). */
final class PreDataFilter {
    /** Items every pg_restore script starts with; they create nothing. */
    private static final List<String> SETTINGS = List.of("ENCODING", "STDSTRINGS", "SEARCHPATH");
    /** Items bound to one relation, kept with it. */
    private static final List<String> BOUND = List.of("DEFAULT", "SEQUENCE OWNED BY", "CONSTRAINT",
            "CHECK CONSTRAINT", "FK CONSTRAINT", "INDEX", "TRIGGER", "RULE", "POLICY", "ROW SECURITY", "STATISTICS",
            "PUBLICATION TABLE", "TABLE DATA", "SEQUENCE SET");

    private final boolean whole;
    private final TargetObjects target;
    private final DumpRelations rels;
    private final ItemRelations items;
    private final Set<Long> kept;

    PreDataFilter(boolean whole, TargetObjects target, DumpRelations rels, ItemRelations items, Set<Long> kept) {
        this.whole = whole;
        this.target = target;
        this.rels = rels;
        this.items = items;
        this.kept = kept;
    }

    List<TocItem> filter(List<TocItem> listing) {
        Map<TocItem, Boolean> decided = new IdentityHashMap<>();
        List<TocItem> supporting = new ArrayList<>();
        for (TocItem i : listing) {
            Boolean keep = decide(i);
            if (keep == null) {
                supporting.add(i);
                keep = keepSupporting(i);
            }
            decided.put(i, keep);
        }
        List<TocItem> result = new ArrayList<>();
        for (TocItem i : listing) {
            boolean keep = decided.get(i);
            if (ItemRelations.isDependent(i) && items.dependentOn(i) == null) {
                keep = keepDependentOfSupporting(i, supporting, decided);
            }
            if (keep) {
                result.add(i);
            }
        }
        return result;
    }

    /** True/false for relation items and what belongs to them; null for supporting objects. */
    private Boolean decide(TocItem i) {
        if (SETTINGS.contains(i.desc())) {
            return true;
        }
        if (i.desc().equals("BLOB") || i.desc().equals("LARGE OBJECT") || i.desc().startsWith("DATABASE")) {
            return whole; // large objects are restored only with the whole dump
        }
        DumpRelation itself = items.itself(i);
        if (itself != null || ItemRelations.RELATION_DESCS.contains(i.desc())) {
            return whole || (itself != null && kept.contains(itself.oid()));
        }
        if (i.desc().equals("TABLE ATTACH")) {
            DumpRelation partition = rels.named(i.text());
            return whole || (partition != null && kept.contains(partition.oid()) && parentKept(partition));
        }
        if (BOUND.contains(i.desc())) {
            DumpRelation r = items.boundTo(i);
            return whole || (r != null && kept.contains(r.oid()));
        }
        if (ItemRelations.isDependent(i)) {
            DumpRelation r = items.dependentOn(i);
            return r == null ? Boolean.TRUE : whole || kept.contains(r.oid());
        }
        return null;
    }

    /**
     * A partition's attachment needs its parent: with the parent recorded (plan version 4), that it is kept; for
     * older plans, that some kept table has no data of its own (a partitioned parent).
     */
    private boolean parentKept(DumpRelation partition) {
        if (partition.partitionOf() != 0) {
            return kept.contains(partition.partitionOf());
        }
        return !rels.exact() && rels.all().stream().anyMatch(r -> r.kind() == 'p' && kept.contains(r.oid()));
    }

    private boolean keepSupporting(TocItem i) {
        if (target == null) {
            return true;
        }
        Boolean present = target.has(i);
        return present == null ? whole : !present;
    }

    /**
     * A comment, label or ACL on a supporting object follows it: into a new database always; into an existing one
     * only when the object is created (never re-comment or re-grant the target's own schema {@code public}).
     */
    private boolean keepDependentOfSupporting(TocItem dependent, List<TocItem> supporting,
                                              Map<TocItem, Boolean> decided) {
        if (target == null) {
            return true;
        }
        String t = dependent.text();
        for (TocItem s : supporting) {
            String text = s.text();
            for (int i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) {
                if (t.equals(text.substring(0, i) + " " + s.desc() + text.substring(i))) {
                    return decided.get(s);
                }
            }
        }
        return whole;
    }
}
