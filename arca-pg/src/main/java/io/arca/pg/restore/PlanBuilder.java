package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.DumpRelation;
import io.arca.pg.EntryKind;
import io.arca.pg.EntrySource;
import io.arca.pg.RestoreOptions;
import io.arca.pg.TablePattern;
import io.arca.pg.internal.TocItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a {@link RestorePlan}. Without {@code tables} every item is kept. With {@code tables}:
 *
 * <ul>
 *   <li>a table is selected when a pattern matches it or one of its partition ancestors; the sequences it owns
 *       ({@code OWNED BY} or identity) come with it, their values too;</li>
 *   <li>pre-data keeps the selected tables' and sequences' items and what belongs to them (defaults, sequence
 *       ownership, comments, security labels, ACLs, the attachment of a selected partition to a selected parent);
 *       views, other tables and their sequences are left out;</li>
 *   <li>supporting objects (schemas, extensions, types, domains, functions, collations, operators, ...) are kept
 *       for a new database, since the tables' columns, defaults, checks and triggers may use any of them; for an
 *       existing database only those of the checked kinds the target lacks (see {@link TargetObjects}), the other
 *       kinds being taken as present;</li>
 *   <li>post-data: see {@link PostDataFilter}.</li>
 * </ul>
 */
final class PlanBuilder {
    private PlanBuilder() {
    }

    static RestorePlan build(EntrySource source, RestoreOptions options, SchemaSpools spools, TargetObjects target) {
        List<DumpEntry> entries = source.entries();
        boolean whole = options.tables().isEmpty();
        DumpEntry sequenceValues = entries.stream().filter(e -> e.kind() == EntryKind.SEQUENCE_VALUES).findFirst()
                .orElse(null);
        List<SequenceValueLines.Line> setvals = whole || sequenceValues == null || !options.restoresData()
                ? List.of() : SequenceValueLines.read(source, sequenceValues);
        DumpRelations rels = DumpRelations.of(source.relations(), entries, spools.preDataItems(),
                setvals.stream().map(l -> new String[] {l.schema(), l.name()}).toList());
        ItemRelations items = new ItemRelations(rels, source.itemRelations());

        Set<Long> selected = new HashSet<>();
        List<String> unmatched = new ArrayList<>();
        for (TablePattern p : options.tables()) {
            if (rels.all().stream().noneMatch(r -> r.isTable() && p.matches(r.schema(), r.name()))) {
                unmatched.add(p.text());
            }
        }
        Set<Long> matching = new HashSet<>();
        rels.all().stream().filter(r -> r.isTable() && (whole
                        || options.tables().stream().anyMatch(p -> p.matches(r.schema(), r.name()))))
                .forEach(r -> matching.add(r.oid()));
        rels.all().stream().filter(r -> r.isTable() && rels.selfOrAncestorIn(r, matching))
                .forEach(r -> selected.add(r.oid()));
        Set<Long> kept = new HashSet<>(selected);
        rels.all().stream().filter(r -> whole || (r.isSequence() && selected.contains(r.ownedBy())))
                .forEach(r -> kept.add(r.oid()));

        List<DumpEntry> tables = entries.stream().filter(e -> e.kind() == EntryKind.TABLE_DATA)
                .filter(e -> whole || selected.contains(oidOf(e))).toList();
        PreDataFilter pre = new PreDataFilter(whole, target, rels, items, kept);
        List<TocItem> preKept = pre.filter(spools.preDataItems());
        PostDataFilter post = PostDataFilter.of(whole, target != null, source, rels, items, kept, tables,
                spools.postDataListing());

        List<TocItem> all = new ArrayList<>(preKept);
        all.addAll(post.kept());
        TreeMap<String, Integer> byKind = new TreeMap<>();
        all.forEach(i -> byKind.merge(i.desc(), 1, Integer::sum));
        Set<String> roles = new LinkedHashSet<>();
        if (!options.skipOwnership()) {
            all.stream().map(TocItem::owner).filter(o -> !o.isEmpty()).forEach(roles::add);
        }
        List<DumpRelation> relationsToCreate = new ArrayList<>();
        Set<String> schemas = new LinkedHashSet<>();
        Set<String> extensions = new LinkedHashSet<>();
        for (TocItem i : preKept) {
            DumpRelation r = ItemRelations.RELATION_DESCS.contains(i.desc()) ? items.itself(i) : null;
            if (r != null) {
                relationsToCreate.add(r);
                schemas.add(r.schema());
            } else if (i.desc().equals("SCHEMA") && i.text().startsWith("- ")) {
                schemas.add(withoutOwner(i.text().substring(2)));
            } else if (i.desc().equals("EXTENSION") && i.text().startsWith("- ")) {
                extensions.add(withoutOwner(i.text().substring(2)));
            }
        }
        tables.forEach(t -> schemas.add(t.schema()));
        Set<String> sequences = new LinkedHashSet<>();
        rels.all().stream().filter(r -> r.isSequence() && kept.contains(r.oid()))
                .forEach(r -> sequences.add(r.qualifiedName()));

        List<DumpEntry> planEntries = new ArrayList<>();
        for (DumpEntry e : entries) {
            boolean keep = switch (e.kind()) {
                case PRE_DATA -> options.restoresSchema() && !preKept.isEmpty();
                case POST_DATA -> options.restoresSchema() && !post.kept().isEmpty();
                case TABLE_DATA -> options.restoresData() && tables.contains(e);
                case LARGE_OBJECTS -> options.restoresData() && whole;
                case SEQUENCE_VALUES -> options.restoresData() && (whole || !sequences.isEmpty());
            };
            if (keep) {
                planEntries.add(e);
            }
        }
        planEntries.sort(java.util.Comparator.comparing(DumpEntry::kind));
        return new RestorePlan(options, whole, planEntries, tables, unmatched, post.foreignKeysLeftOut(), byKind,
                relationsToCreate, post.indexNames(), roles, extensions, schemas,
                preKept.stream().map(TocItem::line).toList(), post.kept().stream().map(TocItem::line).toList(),
                whole ? null : sequences);
    }

    static long oidOf(DumpEntry tableData) {
        return Long.parseLong(tableData.name().substring("data/".length()));
    }

    static String withoutOwner(String nameAndOwner) {
        int space = nameAndOwner.lastIndexOf(' ');
        return space < 0 ? nameAndOwner : nameAndOwner.substring(0, space);
    }
}
