package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.DumpRelation;
import io.arca.pg.EntryKind;
import io.arca.pg.EntrySource;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.internal.PostDataSelection;
import io.arca.pg.internal.TocItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The post-data items a plan keeps. With a table selection: what {@link PostDataSelection} keeps for an export (the
 * selected tables' own indexes and constraints, foreign keys among selected tables, their comments and partition
 * index attachments), less the items bound to relations the restore leaves out, since pre-data is not whole here:
 * triggers, rules, policies, row security, statistics and the indexes and constraints of tables without data entries
 * (partitioned parents) and materialized views, and materialized view data.
 */
final class PostDataFilter {
    private static final List<String> BOUND = List.of("INDEX", "CONSTRAINT", "CHECK CONSTRAINT", "TRIGGER", "RULE",
            "POLICY", "ROW SECURITY", "STATISTICS", "PUBLICATION TABLE", "MATERIALIZED VIEW DATA");

    private final List<TocItem> kept;
    private final List<String> foreignKeysLeftOut;
    private final List<String[]> indexNames;

    private PostDataFilter(List<TocItem> kept, List<String> foreignKeysLeftOut, List<String[]> indexNames) {
        this.kept = kept;
        this.foreignKeysLeftOut = foreignKeysLeftOut;
        this.indexNames = indexNames;
    }

    static PostDataFilter of(boolean whole, boolean existingTarget, EntrySource source, DumpRelations rels,
                             ItemRelations items, Set<Long> keptRelations, List<DumpEntry> tables,
                             List<String> listing) {
        List<TocItem> all;
        try {
            all = TocItem.parseAll(listing);
        } catch (IllegalArgumentException e) {
            throw new PgEngineException(Reason.SOURCE_FAILED, "pg_restore --list of post-data has a line this "
                    + "version does not read: " + e.getMessage(), e);
        }
        Map<String, DumpEntry> dataEntries = new LinkedHashMap<>();
        source.entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA)
                .forEach(e -> dataEntries.put(e.name(), e));
        if (whole) {
            return new PostDataFilter(all, List.of(),
                    indexNames(all, items, source.postDataItemTables(), dataEntries));
        }
        Set<String> selected = new HashSet<>();
        tables.forEach(t -> selected.add(t.name()));
        PostDataSelection selection = PostDataSelection.of(listing, source.postDataItemTables(),
                source.foreignKeyTables(), dataEntries, selected);
        Map<String, String> itemTables = source.postDataItemTables();
        List<TocItem> kept = new ArrayList<>();
        for (String line : selection.kept()) {
            TocItem i = TocItem.parse(line);
            boolean keep = true;
            if (itemTables.containsKey(i.catalogId()) || i.desc().equals("FK CONSTRAINT")) {
                keep = true; // decided by PostDataSelection
            } else if (ItemRelations.isDependent(i) || i.desc().equals("INDEX ATTACH")) {
                DumpRelation r = items.dependentOn(i);
                keep = r == null || keptRelations.contains(r.oid());
            } else if (BOUND.contains(i.desc())) {
                DumpRelation r = i.desc().equals("MATERIALIZED VIEW DATA") ? items.itself(i) : items.boundTo(i);
                keep = r != null && keptRelations.contains(r.oid());
            } else {
                keep = !existingTarget; // event triggers, publications, ...: with the whole dump, or a new database
            }
            if (keep) {
                kept.add(i);
            }
        }
        return new PostDataFilter(kept, selection.leftOutForeignKeys(),
                indexNames(kept, items, itemTables, dataEntries));
    }

    List<TocItem> kept() {
        return kept;
    }

    List<String> foreignKeysLeftOut() {
        return foreignKeysLeftOut;
    }

    /** {schema, name} of the kept indexes whose table is known. */
    List<String[]> indexNames() {
        return indexNames;
    }

    private static List<String[]> indexNames(List<TocItem> kept, ItemRelations items, Map<String, String> itemTables,
                                             Map<String, DumpEntry> dataEntries) {
        List<String[]> names = new ArrayList<>();
        for (TocItem i : kept) {
            if (i.desc().equals("INDEX")) {
                DumpEntry data = dataEntries.get(itemTables.getOrDefault(i.catalogId(), ""));
                DumpRelation table = items.boundTo(i);
                String schema = data != null ? data.schema() : table != null ? table.schema() : null;
                if (schema != null && i.inSchema(schema)) {
                    names.add(new String[] {schema,
                            PlanBuilder.withoutOwner(i.text().substring(schema.length() + 1))});
                }
            }
        }
        return names;
    }
}
