package io.arca.worker.gc;

import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Objects in a tenant's chunk prefix that no {@code chunks} row names (a crashed backup's uploads) are ADOPTED, not
 * deleted: a row is inserted for each, unreferenced and {@code created_at = now()}, so a LATER run, past the grace
 * period, deletes it through the locked-row path of {@link GcBatch}. Deleting by listing alone would be unsafe: a
 * backup may be uploading the same chunk name right now, between its reuse lookup (which found no row) and its
 * recorded upload, and only the row protocol excludes that. An adopted row is created now, so this run does not
 * delete it; by the time a later run's cutoff passes it, the backup has recorded its reference (the grace period is
 * longer than any backup takes between lookup and record), and the row's references keep it.
 */
final class OrphanAdoption {
    private static final String ADOPT = "insert into chunks (tenant_id, name, stored_size, created_at) "
            + "select ?, n, s, now() from unnest(?::text[], ?::bigint[]) as u(n, s) on conflict do nothing";

    private OrphanAdoption() {
    }

    /**
     * The names of a listed page's objects that may be adopted: chunk keys of this tenant (anything else in the prefix
     * is left alone) last modified before {@code cutoff} (an object without a time is left alone too).
     */
    static List<ObjectInfo> eligible(UUID tenantId, List<ObjectInfo> page, Instant cutoff) {
        List<ObjectInfo> out = new ArrayList<>();
        String tenant = tenantId.toString();
        for (ObjectInfo info : page) {
            String name = info.key().substring(info.key().lastIndexOf('/') + 1);
            if (name.matches("[0-9a-f]{64}") && RepositoryLayout.chunkKey(tenant, name).equals(info.key())
                    && info.lastModified() != null && info.lastModified().isBefore(cutoff)) {
                out.add(info);
            }
        }
        return out;
    }

    /** Inserts rows for the objects no row names yet; returns how many were adopted. */
    static int adopt(Connection c, UUID tenantId, List<ObjectInfo> objects) throws SQLException {
        if (objects.isEmpty()) {
            return 0;
        }
        String[] names = new String[objects.size()];
        Long[] sizes = new Long[objects.size()];
        for (int i = 0; i < names.length; i++) {
            ObjectInfo info = objects.get(i);
            names[i] = info.key().substring(info.key().lastIndexOf('/') + 1);
            sizes[i] = info.size();
        }
        try (PreparedStatement ps = c.prepareStatement(ADOPT)) {
            ps.setObject(1, tenantId);
            ps.setArray(2, c.createArrayOf("text", names));
            ps.setArray(3, c.createArrayOf("bigint", sizes));
            return ps.executeUpdate();
        }
    }
}
