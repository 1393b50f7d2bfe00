package io.arca.api.masterkey;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.format.CorruptPayloadException;
import io.arca.archive.format.KeyUnavailableException;
import io.arca.archive.key.DataKeys;
import io.arca.archive.repo.BucketKeys;
import io.arca.archive.store.ObjectStore;
import io.arca.common.crypto.MasterKeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Looks at (and when asked re-wraps) every tenant's key objects in the bucket ({@code tenants/{t}/keys/{keyId}},
 * docs/archive-format.md §5): the copy restores read, so the one that matters most. Each object is replaced by one
 * put ({@link BucketKeys#rewrap}).
 */
@ApplicationScoped
class BucketKeySweep {
    static final String KIND = "tenant-key-object";

    private final AgroalDataSource db;
    private final ObjectStore store;
    private final DataKeys master;

    BucketKeySweep(AgroalDataSource db, ObjectStore store, MasterKeyRing ring) {
        this.db = db;
        this.store = store;
        this.master = new DataKeys(ring);
    }

    /** @throws io.arca.archive.store.ObjectStoreException when the bucket cannot be read or written */
    void sweep(boolean write, SweepReport report) throws SQLException {
        report.kind(KIND);
        BucketKeys bucket = new BucketKeys(store);
        for (UUID tenant : tenants()) {
            for (String keyId : bucket.keyIds(tenant.toString())) {
                String id = tenant + "/" + keyId;
                try {
                    switch (bucket.rewrap(tenant.toString(), keyId, master, write)) {
                        case CURRENT -> report.current(KIND);
                        case REWRAPPED -> {
                            if (write) {
                                report.rewrapped(KIND);
                            } else {
                                report.onPreviousKey(KIND);
                            }
                        }
                        case MISSING -> { } // deleted since listed: nothing left to protect
                    }
                } catch (KeyUnavailableException | CorruptPayloadException | IllegalArgumentException e) {
                    report.unreadable(KIND, id, e.getMessage());
                }
            }
        }
    }

    private List<UUID> tenants() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select id from tenants order by id");
                ResultSet rs = ps.executeQuery()) {
            List<UUID> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
            return ids;
        }
    }
}
