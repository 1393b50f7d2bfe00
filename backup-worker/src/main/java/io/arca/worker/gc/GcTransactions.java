package io.arca.worker.gc;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import io.arca.jobs.ClaimedJob;
import io.arca.worker.job.LeaseLostException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The gc job's transactions, one per batch: each first checks and locks the run's row ({@link GcRun#hold}: a worker
 * that lost its lease stops before it deletes anything), then does its work and advances the run's counters and
 * {@code resume_after} in the same transaction, so a run re-queued after a kill -9 goes on exactly where the last
 * committed batch ended.
 */
@ApplicationScoped
public class GcTransactions {
    private final AgroalDataSource db;
    private final ObjectStore store;

    public GcTransactions(AgroalDataSource db, ObjectStore store) {
        this.db = db;
        this.store = store;
    }

    /** What one batch did. */
    public record BatchResult(String lastName, int scanned, int deleted, long bytesFreed) {
    }

    /** One batch of {@link GcBatch}: lock candidates after {@code after}, re-check, delete objects and rows. */
    @Transactional
    public BatchResult deleteBatch(ClaimedJob job, Instant cutoff, String after, int limit) throws SQLException {
        try (Connection c = db.getConnection()) {
            requireHeld(c, job);
            GcBatch batch = new GcBatch(c, store, job.tenantId());
            batch.lockCandidates(after, cutoff, limit);
            batch.recheck();
            batch.deleteObjects();
            batch.deleteRows();
            GcRun.advance(c, job, "deleting", batch.lastName(), batch.scanned(), batch.rowsDeleted(),
                    batch.bytesFreed(), 0);
            return new BatchResult(batch.lastName(), batch.scanned(), batch.rowsDeleted(), batch.bytesFreed());
        }
    }

    /** Adopts one listed page's orphan objects ({@link OrphanAdoption}); returns how many. */
    @Transactional
    public int adoptPage(ClaimedJob job, List<ObjectInfo> page, Instant cutoff) throws SQLException {
        try (Connection c = db.getConnection()) {
            requireHeld(c, job);
            int adopted = OrphanAdoption.adopt(c, job.tenantId(), OrphanAdoption.eligible(job.tenantId(), page, cutoff));
            GcRun.advance(c, job, "listing", null, 0, 0, 0, adopted);
            return adopted;
        }
    }

    private static void requireHeld(Connection c, ClaimedJob job) throws SQLException {
        if (!GcRun.hold(c, job)) {
            throw new LeaseLostException("lease lost: gc run " + job.id() + " is no longer held by this worker");
        }
    }
}
