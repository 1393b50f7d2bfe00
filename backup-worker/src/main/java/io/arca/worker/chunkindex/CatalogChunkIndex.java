package io.arca.worker.chunkindex;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.index.ChunkIndex;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The archive's chunk index on the catalog tables {@code chunks} and {@code backup_chunks} (V2 migration).
 *
 * <p>Reuse and garbage collection exclude each other by row locks: {@link #reuse} locks the chunk rows it finds
 * {@code FOR KEY SHARE} and inserts the backup's references in the same transaction. GC holds candidate rows
 * {@code FOR UPDATE} while it re-checks references and deletes object and row, so reuse either waits and then no
 * longer sees the deleted row (and the writer uploads the chunk again), or commits its references first and GC's
 * re-check keeps the chunk.
 *
 * <p>One more case is covered here rather than in GC: a GC batch deletes its objects before it commits, so a commit that
 * fails after that leaves rows naming objects that are gone (unreferenced, until the next run deletes them). A chunk
 * that no other backup referenced when {@link #reuse} found it ("revived") may be one of those, so its object is
 * checked with a HEAD after the reference is committed (from then on no GC can delete it); a missing one is left out
 * of the result, and the writer uploads it again. Revived chunks are rare (content that only deleted backups had comes
 * back), so the HEADs cost nothing on the usual path, where every reused chunk is still referenced.
 */
@ApplicationScoped
public class CatalogChunkIndex implements ChunkIndex {
    private static final Logger LOG = Logger.getLogger(CatalogChunkIndex.class);

    private final AgroalDataSource db;
    private final ObjectStore store;

    public CatalogChunkIndex(AgroalDataSource db, ObjectStore store) {
        this.db = db;
        this.store = store;
    }

    /**
     * One statement, so one round trip and one implicit transaction: lock the rows found {@code FOR KEY SHARE},
     * reference them from the backup, return them. (A chunk is looked up the moment it is cut, on a compression
     * thread; a multi-statement JTA transaction cost several round trips per chunk.)
     */
    private static final String REUSE = "with found as (select c.name, c.stored_size, not exists (select 1 "
            + "from backup_chunks b where b.tenant_id = c.tenant_id and b.chunk_name = c.name) as revived "
            + "from chunks c where c.tenant_id = ? and c.name = any(?) for key share of c), "
            + "referenced as (insert into backup_chunks (backup_id, tenant_id, chunk_name) "
            + "select ?, ?, name from found on conflict do nothing) "
            + "select name, stored_size, revived from found";

    /** One statement: the chunk rows (if absent) and the backup's references to them. */
    private static final String RECORD = "with stored as (insert into chunks (tenant_id, name, stored_size) "
            + "select ?, n, s from unnest(?::text[], ?::bigint[]) as u(n, s) on conflict do nothing) "
            + "insert into backup_chunks (backup_id, tenant_id, chunk_name) "
            + "select ?, ?, n from unnest(?::text[]) as u(n) on conflict do nothing";

    @Override
    public Map<String, Long> reuse(String tenant, String backupId, Collection<String> names) {
        Map<String, Long> found = new HashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        UUID tenantId = UUID.fromString(tenant);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(REUSE)) {
            c.setAutoCommit(true);
            ps.setObject(1, tenantId);
            ps.setArray(2, c.createArrayOf("text", names.toArray()));
            ps.setObject(3, UUID.fromString(backupId));
            ps.setObject(4, tenantId);
            List<String> revived = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getLong(2));
                    if (rs.getBoolean(3)) {
                        revived.add(rs.getString(1));
                    }
                }
            }
            for (String name : revived) {
                if (store.head(RepositoryLayout.chunkKey(tenant, name)).isEmpty()) {
                    LOG.warnf("tenant %s: chunk %s is in the index but its object is missing (a garbage collection "
                            + "whose commit failed?); backup %s uploads it again", tenant, name, backupId);
                    found.remove(name);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("chunk index lookup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void recordUploaded(String tenant, String backupId, List<StoredChunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        UUID tenantId = UUID.fromString(tenant);
        String[] names = chunks.stream().map(StoredChunk::name).toArray(String[]::new);
        Long[] sizes = chunks.stream().map(StoredChunk::storedSize).toArray(Long[]::new);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(RECORD)) {
            c.setAutoCommit(true);
            Array nameArray = c.createArrayOf("text", names);
            ps.setObject(1, tenantId);
            ps.setArray(2, nameArray);
            ps.setArray(3, c.createArrayOf("bigint", sizes));
            ps.setObject(4, UUID.fromString(backupId));
            ps.setObject(5, tenantId);
            ps.setArray(6, nameArray);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("chunk index update failed: " + e.getMessage(), e);
        }
    }
}
