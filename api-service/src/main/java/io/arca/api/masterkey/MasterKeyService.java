package io.arca.api.masterkey;

import io.arca.api.audit.AuditLog;
import io.arca.api.auth.Caller;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.masterkey.MasterKeyDtos.MasterKeyReport;
import io.arca.archive.store.ObjectStoreException;
import io.arca.common.crypto.MasterKeyRing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Master key rotation, the part that runs once new keys are configured: the status (how many sealed values still
 * need a previous key) and the re-wrap (re-seal them all under the current key). Only the bootstrap key may call
 * either: the master key is deployment-wide (every tenant's secrets), and the bootstrap key is configured next to it by
 * the same operator, so allowing it exposes nothing its holder could not read already; a tenant's admin must not
 * see or touch other tenants' values. Neither call returns a secret: counts, fingerprints and ids.
 *
 * <p>No transaction around a sweep: every value is replaced on its own ({@link CatalogSweep}, {@link
 * BucketKeySweep}), so the work is resumable and a long re-wrap holds no locks.
 */
@ApplicationScoped
public class MasterKeyService {
    private static final Logger LOG = Logger.getLogger(MasterKeyService.class);

    @Inject
    Caller caller;
    @Inject
    MasterKeyRing ring;
    @Inject
    CatalogSweep catalog;
    @Inject
    BucketKeySweep bucket;
    @Inject
    AuditLog audit;

    public MasterKeyReport status() {
        requireBootstrap();
        return sweep(false);
    }

    public MasterKeyReport rewrap() {
        requireBootstrap();
        MasterKeyReport report = sweep(true);
        LOG.infof("master key re-wrap under %s: %d re-sealed, %d still on previous keys, %d unreadable",
                report.currentKey(), report.rewrapped(), report.onPreviousKeys(), report.unreadable());
        QuarkusTransaction.requiringNew().run(() -> audit.record("master-key.rewrap", "master-key",
                report.currentKey(), Map.of("rewrapped", report.rewrapped(), "onPreviousKeys",
                        report.onPreviousKeys(), "unreadable", report.unreadable())));
        return report;
    }

    private MasterKeyReport sweep(boolean write) {
        SweepReport report = new SweepReport();
        try {
            for (SealedColumn column : SealedColumn.ALL) {
                catalog.sweep(column, write, report);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog sweep failed: " + e.getMessage(), e);
        }
        try {
            bucket.sweep(write, report);
        } catch (ObjectStoreException e) {
            throw new ProblemException(ProblemType.OBJECT_STORE_UNAVAILABLE, "the bucket's key objects could not be "
                    + (write ? "re-wrapped" : "read") + " (" + e.getMessage() + ")"
                    + (write ? "; the catalog's values were re-sealed: run the re-wrap again once the object store "
                    + "answers, it continues with what is left" : ""), null);
        } catch (SQLException e) {
            throw new IllegalStateException("catalog read of tenants failed: " + e.getMessage(), e);
        }
        return new MasterKeyReport(ring.currentFingerprint(), ring.previousFingerprints(), report.kinds(),
                report.onPreviousKeys(), report.rewrapped(), report.unreadableCount(), report.unreadableListed(),
                report.onPreviousKeys() == 0);
    }

    private void requireBootstrap() {
        caller.requireBootstrap("only the bootstrap key may read or re-wrap the master key's values (they span "
                + "every tenant)");
    }
}
