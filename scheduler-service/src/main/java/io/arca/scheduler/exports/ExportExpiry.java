package io.arca.scheduler.exports;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.ObjectStoreException;
import io.arca.scheduler.config.SchedulerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Deletes the objects of expired exports, one batch per transaction: exports whose {@code expires_at} passed (the
 * API sets it at creation, and to now on {@code DELETE /exports/{id}}), that are finished (completed, failed or
 * cancelled: a running export's upload is left to end first) and not yet deleted. Their rows are locked
 * {@code FOR UPDATE SKIP LOCKED}, so replicas sweeping at once take different rows; each export's objects are deleted
 * (its {@code object_key}, and anything else under its prefix, e.g. the leftover of an upload whose discard failed),
 * then the row gets {@code deleted_at}. The row stays, so a late download of it answers 410.
 */
@ApplicationScoped
public class ExportExpiry {
    private static final Logger LOG = Logger.getLogger(ExportExpiry.class);

    private final AgroalDataSource db;
    private final ObjectStore store;
    private final SchedulerConfig config;

    public ExportExpiry(AgroalDataSource db, ObjectStore store, SchedulerConfig config) {
        this.db = db;
        this.store = store;
        this.config = config;
    }

    /** One expired export: its tenant, id and stored object (null when it never completed). */
    private record Expired(UUID tenantId, UUID id, String objectKey) {
    }

    /** A batch's outcome: rows taken, and how many of them were deleted (the others failed and stay due). */
    public record Batch(int taken, int deleted) {
    }

    @Transactional
    public Batch deleteExpired() throws SQLException {
        try (Connection c = db.getConnection()) {
            List<Expired> expired = lockExpired(c, config.sweepBatchSize());
            int deleted = 0;
            for (Expired e : expired) {
                try {
                    deleteObjects(e);
                } catch (ObjectStoreException ex) {
                    // left for the next sweep; the other exports of the batch go on
                    LOG.warnf("export %s: objects not deleted, retried next sweep: %s", e.id(), ex.getMessage());
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement("update exports set deleted_at = now(), "
                        + "updated_at = now() where id = ?")) {
                    ps.setObject(1, e.id());
                    ps.executeUpdate();
                }
                deleted++;
                LOG.infof("export %s of tenant %s expired: objects deleted", e.id(), e.tenantId());
            }
            return new Batch(expired.size(), deleted);
        }
    }

    private static List<Expired> lockExpired(Connection c, int limit) throws SQLException {
        List<Expired> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select tenant_id, id, object_key from exports "
                + "where expires_at <= now() and deleted_at is null and state in ('completed', 'failed', 'cancelled') "
                + "order by expires_at limit ? for update skip locked")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Expired(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getString(3)));
                }
            }
        }
        return result;
    }

    private void deleteObjects(Expired e) {
        if (e.objectKey() != null) {
            store.delete(e.objectKey());
        }
        List<String> leftovers;
        try (Stream<ObjectInfo> listed = store.list(RepositoryLayout.exportPrefix(e.tenantId().toString(),
                e.id().toString()))) {
            leftovers = listed.map(ObjectInfo::key).toList();
        }
        leftovers.forEach(store::delete);
    }
}
