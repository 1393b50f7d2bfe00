package io.arca.storage;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.format.KeyUnavailableException;
import io.arca.archive.key.DataKey;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.KeyRing;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.repo.BucketKeys;
import io.arca.archive.store.ObjectStore;
import io.arca.common.crypto.MasterKeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenants' data keys, for backups and restores alike. Key material always comes from the bucket
 * ({@code tenants/<tenant>/keys/<keyId>}, unwrapped by the master key), where a restore without the catalog reads it
 * too (docs/archive-format.md, "Where keys are read from"). The catalog's {@code tenant_keys} only decides which key
 * new backups use: the first encrypted backup of a tenant creates it there, and the partial unique index on the
 * active key makes concurrent first backups agree on one key (the loser's insert does nothing and it reads the
 * winner's), which the bucket cannot do atomically.
 */
@ApplicationScoped
public class TenantKeys {
    private final AgroalDataSource db;
    private final ObjectStore store;
    private final DataKeys master;

    public TenantKeys(AgroalDataSource db, ObjectStore store, MasterKeyRing masterKeys) {
        this.db = db;
        this.store = store;
        this.master = new DataKeys(masterKeys);
    }

    public record ActiveKey(DataKey key, WrappedDataKey wrapped) {
    }

    /**
     * The key new backups of the tenant encrypt with: chosen in the catalog (created on first use), copied into the
     * bucket when it is not there yet, and unwrapped from the bucket's copy, so a backup only ever writes with a key
     * its restore will find.
     */
    public ActiveKey activeKey(UUID tenantId) throws SQLException {
        String tenant = tenantId.toString();
        Optional<WrappedDataKey> existing = find(tenantId);
        if (existing.isEmpty()) {
            WrappedDataKey fresh = master.generate(tenant);
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into tenant_keys (tenant_id, key_id, wrapped_key, active) values (?, ?, ?, true) "
                            + "on conflict do nothing")) {
                ps.setObject(1, tenantId);
                ps.setString(2, fresh.keyId());
                ps.setBytes(3, fresh.wrapped());
                ps.executeUpdate();
            }
            existing = find(tenantId);
        }
        WrappedDataKey chosen = existing.orElseThrow(() -> new IllegalStateException("no active data key"));
        BucketKeys bucket = new BucketKeys(store);
        // read first: once the key is in the bucket (every backup after the tenant's first) nothing is written
        Optional<WrappedDataKey> inBucket = bucket.get(tenant, chosen.keyId());
        if (inBucket.isEmpty()) {
            bucket.putIfAbsent(chosen);
            inBucket = bucket.get(tenant, chosen.keyId());
        }
        WrappedDataKey stored = inBucket.orElseThrow(() -> new KeyUnavailableException(
                "data key " + chosen.keyId() + " of tenant " + tenant + " is not in the bucket"));
        return new ActiveKey(master.unwrap(stored), stored);
    }

    /** The tenant's keys as a restore (or any reader) uses them: from the bucket, unwrapped on first use. */
    public KeyRing keyRing(UUID tenantId) {
        return new BucketKeys(store).keyRing(tenantId.toString(), master);
    }

    private Optional<WrappedDataKey> find(UUID tenantId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select key_id, wrapped_key from tenant_keys where tenant_id = ? and active")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new WrappedDataKey(tenantId.toString(), rs.getString(1), rs.getBytes(2)))
                        : Optional.empty();
            }
        }
    }
}
