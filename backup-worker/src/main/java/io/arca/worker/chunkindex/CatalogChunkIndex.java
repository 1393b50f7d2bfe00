package io.arca.worker.chunkindex;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.index.ChunkIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The archive's chunk index on the catalog tables {@code chunks} and {@code backup_chunks} (V2 migration).
 *
 * <p>Reuse and garbage collection exclude each other by row locks: {@link #reuse} locks the chunk rows it finds
 * {@code FOR KEY SHARE} and inserts the backup's references in the same transaction. GC holds candidate rows
 * {@code FOR UPDATE} while it re-checks references and deletes object and row, so reuse either waits and then no
 * longer sees the deleted row (and the writer uploads the chunk again), or commits its references first and GC's
 * re-check keeps the chunk.
 */
@ApplicationScoped
public class CatalogChunkIndex implements ChunkIndex {
    private final AgroalDataSource db;

    public CatalogChunkIndex(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * One statement, so one round trip and one implicit transaction: lock the rows found {@code FOR KEY SHARE},
     * reference them from the backup, return them. (A chunk is looked up the moment it is cut, on a compression
     * thread; a multi-statement JTA transaction cost several round trips per chunk.)
     */
    private static final String REUSE = "with found as (select name, stored_size from chunks "
            + "where tenant_id = ? and name = any(?) for key share), "
            + "referenced as (insert into backup_chunks (backup_id, tenant_id, chunk_name) "
            + "select ?, ?, name from found on conflict do nothing) "
            + "select name, stored_size from found";

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
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getLong(2));
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
