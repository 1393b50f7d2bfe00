package io.arca.api.contents;

import io.arca.api.auth.Caller;
import io.arca.api.backup.Backup;
import io.arca.api.common.Cursor;
import io.arca.api.common.Page;
import io.arca.api.common.PositionCursor;
import io.arca.api.contents.ContentsDtos.EntryView;
import io.arca.api.deletion.BackupLifecycle;
import io.arca.api.error.ProblemException;
import io.arca.pg.DumpPlan;
import io.arca.pg.EntryKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a completed backup holds, from its catalog rows ({@code backup_entries}, written by the worker when the
 * backup completed, or once from the manifest by {@link ManifestBackfill}): the API never decrypts a manifest to
 * answer a list. Used by the contents endpoint and by exports, which check table patterns against it.
 */
@ApplicationScoped
public class BackupContents {
    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    ManifestBackfill backfill;

    /** The caller's backup; 404 when unknown or another tenant's. */
    public Backup backup(UUID backupId) {
        return Backup.findInTenant(caller.tenantId(), backupId)
                .orElseThrow(() -> ProblemException.notFound("backup", backupId));
    }

    /** 409 unless the backup completed (a backup that did not complete has no manifest and no contents). */
    public static void requireCompleted(Backup backup, String action) {
        BackupLifecycle.requireLive(backup);
        if (!backup.isCompleted()) {
            throw ProblemException.conflict("backup " + backup.id + " is " + backup.state + "; only a completed "
                    + "backup can be " + action, null);
        }
    }

    /**
     * Restore order (pre-data, tables, large objects, sequence values, post-data), entries of one kind in manifest
     * order; {@code io.arca.pg.EntryKind} declares the kinds in that order. Kind labels are constants, never input.
     */
    private static final String RESTORE_ORDER = "case kind " + Arrays.stream(EntryKind.values())
            .map(k -> "when '" + k.label() + "' then " + k.ordinal()).collect(Collectors.joining(" "))
            + " else " + EntryKind.values().length + " end, ordinal";

    /**
     * Entries in restore order except the dump plan (the restore's own bookkeeping); the cursor is a position in
     * that order. (The manifest lists post-data before the tables: the writer stores it while rows still stream.)
     */
    public Page<EntryView> list(UUID backupId, String limit, String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        long after = PositionCursor.decode(cursor);
        Backup backup = backup(backupId);
        requireCompleted(backup, "listed");
        ensureRows(backup.tenantId, backup.id, backup.manifestSha256);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select position, kind, name, schema_name, table_name, row_count, "
                        + "bytes, stored_bytes, chunk_count from (select row_number() over (order by " + RESTORE_ORDER
                        + ") as position, * from backup_entries where backup_id = :backup and tenant_id = :tenant "
                        + "and kind <> :plan) e where position > :after order by position limit :limit")
                .setParameter("backup", backup.id).setParameter("tenant", backup.tenantId)
                .setParameter("plan", DumpPlan.ENTRY_KIND).setParameter("after", after)
                .setParameter("limit", pageSize + 1)
                .getResultList();
        String next = rows.size() > pageSize
                ? PositionCursor.encode(((Number) rows.get(pageSize - 1)[0]).longValue()) : null;
        return new Page<>(rows.stream().limit(pageSize).map(BackupContents::entry).toList(), next);
    }

    /**
     * The tables with rows in a completed backup ({@code schema}, {@code table}, unquoted), from the catalog rows;
     * the caller has checked that the backup is the tenant's.
     */
    public List<String[]> tables(UUID tenantId, UUID backupId, String manifestSha256) {
        ensureRows(tenantId, backupId, manifestSha256);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select schema_name, table_name from backup_entries "
                        + "where backup_id = :backup and tenant_id = :tenant and kind = :kind order by ordinal")
                .setParameter("backup", backupId).setParameter("tenant", tenantId)
                .setParameter("kind", EntryKind.TABLE_DATA.label())
                .getResultList();
        return rows.stream().map(r -> new String[] {(String) r[0], (String) r[1]}).toList();
    }

    /** A completed backup always has entries (at least its dump plan): none means it predates the catalog rows. */
    private void ensureRows(UUID tenantId, UUID backupId, String manifestSha256) {
        Number count = (Number) em.createNativeQuery("select count(*) from backup_entries where backup_id = :backup")
                .setParameter("backup", backupId).getSingleResult();
        if (count.longValue() == 0) {
            backfill.backfill(tenantId, backupId, manifestSha256);
        }
    }

    private static EntryView entry(Object[] r) {
        return new EntryView((String) r[1], (String) r[2], (String) r[3], (String) r[4],
                r[5] == null ? null : ((Number) r[5]).longValue(), ((Number) r[6]).longValue(),
                ((Number) r[7]).longValue(), ((Number) r[8]).intValue());
    }
}
