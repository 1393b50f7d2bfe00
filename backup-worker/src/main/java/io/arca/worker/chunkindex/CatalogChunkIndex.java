package io.arca.worker.chunkindex;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.index.ChunkIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
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

    @Override
    @Transactional
    public Map<String, Long> reuse(String tenant, String backupId, Collection<String> names) {
        Map<String, Long> found = new HashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        UUID tenantId = UUID.fromString(tenant);
        try (Connection c = db.getConnection()) {
            Array nameArray = c.createArrayOf("text", names.toArray());
            try (PreparedStatement ps = c.prepareStatement("select name, stored_size from chunks "
                    + "where tenant_id = ? and name = any(?) for key share")) {
                ps.setObject(1, tenantId);
                ps.setArray(2, nameArray);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            if (!found.isEmpty()) {
                reference(c, UUID.fromString(backupId), tenantId, c.createArrayOf("text", found.keySet().toArray()));
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("chunk index lookup failed: " + e.getMessage(), e);
        }
    }

    @Override
    @Transactional
    public void recordUploaded(String tenant, String backupId, List<StoredChunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        UUID tenantId = UUID.fromString(tenant);
        String[] names = chunks.stream().map(StoredChunk::name).toArray(String[]::new);
        Long[] sizes = chunks.stream().map(StoredChunk::storedSize).toArray(Long[]::new);
        try (Connection c = db.getConnection()) {
            Array nameArray = c.createArrayOf("text", names);
            try (PreparedStatement ps = c.prepareStatement("insert into chunks (tenant_id, name, stored_size) "
                    + "select ?, n, s from unnest(?::text[], ?::bigint[]) as u(n, s) on conflict do nothing")) {
                ps.setObject(1, tenantId);
                ps.setArray(2, nameArray);
                ps.setArray(3, c.createArrayOf("bigint", sizes));
                ps.executeUpdate();
            }
            reference(c, UUID.fromString(backupId), tenantId, nameArray);
        } catch (SQLException e) {
            throw new IllegalStateException("chunk index update failed: " + e.getMessage(), e);
        }
    }

    private static void reference(Connection c, UUID backupId, UUID tenantId, Array names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into backup_chunks (backup_id, tenant_id, chunk_name) "
                + "select ?, ?, n from unnest(?::text[]) as u(n) on conflict do nothing")) {
            ps.setObject(1, backupId);
            ps.setObject(2, tenantId);
            ps.setArray(3, names);
            ps.executeUpdate();
        }
    }
}
