package io.arca.api.restore;

import io.arca.api.backup.Backup;
import io.arca.api.contents.BackupContents;
import io.arca.archive.read.BackupReader;
import io.arca.archive.store.ObjectStore;
import io.arca.pg.DumpPlan;
import io.arca.pg.DumpRelation;
import io.arca.pg.EntryKind;
import io.arca.pg.restore.TargetInspection.QualifiedTable;
import io.arca.storage.TenantKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The tables a backup defines, as a restore selects among them: from its dump plan's relations (plan version 4:
 * every table, with or without rows, and each partition's parents, so a pattern naming a partitioned table selects its
 * partitions, as the engine's selection does). Backups whose plan predates relations, or whose plan cannot be read
 * now, fall back to the catalog rows of their table data entries ({@link BackupContents#tables}): tables with rows,
 * without partition parents.
 */
@ApplicationScoped
class BackupTables {
    private static final Logger LOG = Logger.getLogger(BackupTables.class);

    @Inject
    ObjectStore store;

    @Inject
    TenantKeys tenantKeys;

    @Inject
    BackupContents contents;

    /**
     * A table of the backup.
     *
     * @param ancestors its partition parents, nearest first (empty for other tables)
     * @param hasRows   the backup holds its rows (a table data entry)
     */
    record Table(QualifiedTable table, boolean partitioned, List<QualifiedTable> ancestors, boolean hasRows) {
    }

    /** @param complete every table the backup defines is listed (else only those with rows) */
    record Tables(List<Table> tables, boolean complete) {
    }

    Tables of(Backup backup) {
        if (backup.manifestSha256 != null) {
            try {
                DumpPlan plan = plan(backup);
                if (!plan.relations().isEmpty()) {
                    return fromRelations(plan);
                }
            } catch (RuntimeException | java.io.IOException e) {
                // the restore job reads the plan again and fails with the reason; the catalog rows still check
                LOG.warnf("backup %s: dump plan not readable for the restore check (%s); using its catalog rows",
                        backup.id, e.toString());
            }
        }
        List<Table> withRows = contents.tables(backup.tenantId, backup.id, backup.manifestSha256).stream()
                .map(t -> new Table(new QualifiedTable(t[0], t[1]), false, List.of(), true)).toList();
        return new Tables(withRows, false);
    }

    private DumpPlan plan(Backup backup) throws java.io.IOException {
        try (BackupReader reader = new BackupReader(store, backup.tenantId.toString(),
                tenantKeys.keyRing(backup.tenantId))) {
            var manifest = reader.readManifest(backup.id.toString(), backup.manifestSha256);
            try (InputStream in = reader.openEntry(manifest, DumpPlan.ENTRY_NAME)) {
                return DumpPlan.decode(in.readAllBytes());
            }
        }
    }

    private static Tables fromRelations(DumpPlan plan) {
        Map<Long, DumpRelation> relations = plan.relations();
        Set<QualifiedTable> withRows = new HashSet<>();
        plan.entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA)
                .forEach(e -> withRows.add(new QualifiedTable(e.schema(), e.table())));
        List<Table> tables = new ArrayList<>();
        for (DumpRelation r : relations.values()) {
            if (!r.isTable()) {
                continue;
            }
            List<QualifiedTable> ancestors = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (DumpRelation p = relations.get(r.partitionOf()); p != null && seen.add(p.oid());
                 p = relations.get(p.partitionOf())) {
                ancestors.add(new QualifiedTable(p.schema(), p.name()));
            }
            QualifiedTable name = new QualifiedTable(r.schema(), r.name());
            tables.add(new Table(name, r.kind() == 'p', List.copyOf(ancestors), withRows.contains(name)));
        }
        tables.sort(java.util.Comparator.comparing((Table t) -> t.table().schema())
                .thenComparing(t -> t.table().table()));
        return new Tables(tables, true);
    }
}
