package io.arca.pg.dump;

import io.arca.pg.DumpOptions;
import io.arca.pg.TablePattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The relations a dump covers, decided from the catalog and the options' patterns (see {@link DumpOptions}). */
final class Selection {
    private final List<Relation> selected = new ArrayList<>();
    private final List<Relation> unselected = new ArrayList<>();
    private final List<Relation> dataTables = new ArrayList<>();
    private final List<Relation> sequences = new ArrayList<>();

    private Selection() {
    }

    static Selection of(List<Relation> relations, DumpOptions options) {
        Map<Long, Relation> byOid = new HashMap<>();
        relations.forEach(r -> byOid.put(r.oid(), r));
        Selection s = new Selection();
        for (Relation r : relations) {
            Relation subject = r.kind() == 'S' && byOid.containsKey(r.ownerTable()) ? byOid.get(r.ownerTable()) : r;
            boolean in = (options.include().isEmpty() || matchesAny(options.include(), subject, byOid))
                    && !matchesAny(options.exclude(), subject, byOid);
            if (!in) {
                s.unselected.add(r);
                continue;
            }
            s.selected.add(r);
            if (r.kind() == 'S') {
                s.sequences.add(r);
            } else if (r.holdsData() && !matchesAny(options.excludeData(), r, byOid)) {
                s.dataTables.add(r);
            }
        }
        s.sortDataTables(s.dataTables.stream().collect(HashMap::new, (m, r) -> m.put(r.oid(), r.sizeBytes()),
                HashMap::putAll));
        return s;
    }

    /**
     * Orders the data tables largest first, so the longest copy starts at once and the sessions finish close
     * together.
     */
    void sortDataTables(Map<Long, Long> sizes) {
        dataTables.sort(Comparator.<Relation>comparingLong(r -> sizes.getOrDefault(r.oid(), 0L)).reversed()
                .thenComparing(Relation::oid));
    }

    /** A relation matches when it or one of its partition ancestors matches a pattern. */
    private static boolean matchesAny(List<TablePattern> patterns, Relation r, Map<Long, Relation> byOid) {
        if (patterns.isEmpty()) {
            return false;
        }
        if (patterns.stream().anyMatch(p -> p.matches(r.schema(), r.name()))) {
            return true;
        }
        for (Long ancestorOid : r.ancestors()) {
            Relation a = byOid.get(ancestorOid);
            if (a != null && patterns.stream().anyMatch(p -> p.matches(a.schema(), a.name()))) {
                return true;
            }
        }
        return false;
    }

    List<Relation> selected() {
        return selected;
    }

    /** Relations to leave out of pg_dump's output (-T), when patterns are in use. */
    List<Relation> unselected() {
        return unselected;
    }

    /** Tables whose rows are dumped, largest first. */
    List<Relation> dataTables() {
        return dataTables;
    }

    List<Relation> sequences() {
        return sequences;
    }

    List<Relation> toLock() {
        return selected.stream().filter(Relation::lockable).toList();
    }
}
