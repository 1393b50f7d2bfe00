package io.arca.worker.gc;

import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One garbage collection batch on one connection, inside the caller's transaction (READ COMMITTED, PostgreSQL's
 * default), as separate steps so that a test can interleave them with a backup's chunk-index calls:
 * {@link #lockCandidates}, {@link #recheck}, {@link #deleteObjects}, {@link #deleteRows}; then the caller records
 * progress and commits, which releases the row locks. Locks are held for this one batch only.
 *
 * <p>Why a chunk this batch deletes can never be one a backup relies on ({@code CatalogChunkIndex}): a backup relies
 * on an existing chunk only through a {@code backup_chunks} row, inserted in the same statement that locks the chunk
 * row {@code FOR KEY SHARE} (the reuse path), or through the foreign key of that insert (which takes the same lock).
 * {@code FOR KEY SHARE} and our {@code FOR UPDATE} conflict. So:
 * <ul>
 * <li>a reference whose transaction is still open holds the key-share lock: {@code SKIP LOCKED} passes the row by;</li>
 * <li>a reference committed after we locked the row is impossible: its insert waits for our commit, and then finds
 * the row deleted (reuse: not found, so the backup uploads the chunk again, after our object delete; a recorded
 * upload: foreign-key violation, the backup fails rather than refer to a deleted object);</li>
 * <li>a reference committed before we locked the row: the select's {@code NOT EXISTS} may not see it. Under READ
 * COMMITTED the select's snapshot is taken when the statement starts, and when the row we lock was only locked (not
 * updated) by the committed reuse, PostgreSQL does not re-evaluate the row's conditions after taking the lock. A
 * reference committed between our snapshot and our lock would slip through; {@link #recheck} therefore looks again
 * in a NEW statement, whose snapshot is taken after all our locks are held and so sees every committed
 * reference. (The foreign key would also refuse {@link #deleteRows}, but only after the objects are gone.)</li>
 * </ul>
 * The object goes before the row, both under the lock: a backup can only add a reference after our commit, and then
 * no longer finds the row. If the commit itself fails after the objects were deleted, the rows stay (unreferenced,
 * naming deleted objects) until the next run deletes them; a backup that looks one up in between finds it unreferenced
 * ("revived"), and {@code CatalogChunkIndex} checks the objects of revived chunks, so it uploads it again.
 */
final class GcBatch {
    private static final String CANDIDATES = "select c.name, c.stored_size from chunks c where c.tenant_id = ? "
            + "and c.name > ? and c.created_at < ? and not exists (select 1 from backup_chunks b "
            + "where b.tenant_id = c.tenant_id and b.chunk_name = c.name) "
            + "order by c.name limit ? for update of c skip locked";
    private static final String REFERENCED = "select n from unnest(?::text[]) as u(n) where exists "
            + "(select 1 from backup_chunks b where b.tenant_id = ? and b.chunk_name = u.n)";
    private static final String DELETE_ROWS = "delete from chunks where tenant_id = ? and name = any(?) "
            + "returning stored_size";

    /** A locked candidate row. */
    record Candidate(String name, long storedSize) {
    }

    private final Connection c;
    private final ObjectStore store;
    private final UUID tenantId;
    private List<Candidate> locked = List.of();
    private List<Candidate> deletable = List.of();
    private long bytesFreed;
    private int rowsDeleted;

    GcBatch(Connection c, ObjectStore store, UUID tenantId) {
        this.c = c;
        this.store = store;
        this.tenantId = tenantId;
    }

    /**
     * Step 1: locks up to {@code limit} chunk rows named after {@code after} (null: from the start), created before
     * {@code cutoff}, that no backup references, in name order; rows another transaction holds are skipped.
     */
    List<Candidate> lockCandidates(String after, Instant cutoff, int limit) throws SQLException {
        List<Candidate> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CANDIDATES)) {
            ps.setObject(1, tenantId);
            ps.setString(2, after == null ? "" : after);
            ps.setTimestamp(3, Timestamp.from(cutoff));
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Candidate(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        locked = rows;
        return rows;
    }

    /** Step 2: drops the locked rows a reference now names (see the class comment); returns what may go. */
    List<Candidate> recheck() throws SQLException {
        Set<String> referenced = new HashSet<>();
        if (!locked.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(REFERENCED)) {
                ps.setArray(1, c.createArrayOf("text", locked.stream().map(Candidate::name).toArray()));
                ps.setObject(2, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        referenced.add(rs.getString(1));
                    }
                }
            }
        }
        deletable = locked.stream().filter(r -> !referenced.contains(r.name())).toList();
        return deletable;
    }

    /** Step 3: the objects in the bucket (an absent one is fine: a repeat after a crash, or a synthetic row). */
    void deleteObjects() {
        if (!deletable.isEmpty()) {
            String tenant = tenantId.toString();
            store.deleteAll(deletable.stream().map(r -> RepositoryLayout.chunkKey(tenant, r.name())).toList());
        }
    }

    /** Step 4: the rows; returns how many. */
    int deleteRows() throws SQLException {
        if (deletable.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(DELETE_ROWS)) {
            ps.setObject(1, tenantId);
            Array names = c.createArrayOf("text", deletable.stream().map(Candidate::name).toArray());
            ps.setArray(2, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rowsDeleted++;
                    bytesFreed += rs.getLong(1);
                }
            }
        }
        return rowsDeleted;
    }

    /** The last name locked: where the next batch starts; null when nothing was locked. */
    String lastName() {
        return locked.isEmpty() ? null : locked.getLast().name();
    }

    int scanned() {
        return locked.size();
    }

    int rowsDeleted() {
        return rowsDeleted;
    }

    long bytesFreed() {
        return bytesFreed;
    }
}
