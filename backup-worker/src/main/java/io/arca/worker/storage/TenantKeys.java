package io.arca.worker.storage;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.key.DataKey;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.WrappedDataKey;
import io.arca.worker.config.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's active data key for encrypted backups, from {@code tenant_keys} (sealed by the master key). The
 * first encrypted backup of a tenant creates it; the partial unique index on the active key makes concurrent
 * first backups agree on one key (the loser's insert does nothing and it reads the winner's).
 */
@ApplicationScoped
public class TenantKeys {
    private final AgroalDataSource db;
    private final DataKeys master;

    public TenantKeys(AgroalDataSource db, SecurityConfig security) {
        this.db = db;
        this.master = DataKeys.fromBase64(security.masterKey());
    }

    public DataKeys master() {
        return master;
    }

    public record ActiveKey(DataKey key, WrappedDataKey wrapped) {
    }

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
        WrappedDataKey wrapped = existing.orElseThrow(() -> new IllegalStateException("no active data key"));
        return new ActiveKey(master.unwrap(wrapped), wrapped);
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
