package io.arca.api.download;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Reads the backup columns links and downloads use; plain JDBC, so a download holds no persistence context. */
@ApplicationScoped
class BackupRecords {
    private static final String SELECT = "select b.id, b.tenant_id, b.state, b.type, b.corrupted, b.manifest_sha256, "
            + "b.created_at, b.links_valid_after, s.name, clock_timestamp(), b.lifecycle "
            + "from backups b join sources s on s.id = b.source_id where b.id = ?";

    private final AgroalDataSource db;

    BackupRecords(AgroalDataSource db) {
        this.db = db;
    }

    /** The backup of any tenant (a download's tenant comes from its token and is compared by the caller). */
    Optional<BackupRecord> find(UUID backupId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setObject(1, backupId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new BackupRecord(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6), instant(rs, 7),
                        instant(rs, 8), rs.getString(9), instant(rs, 10), rs.getString(11)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading backup " + backupId + " failed", e);
        }
    }

    /** The catalog's clock. */
    Instant now() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select clock_timestamp()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return instant(rs, 1);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the catalog's clock failed", e);
        }
    }

    Optional<BackupRecord> findInTenant(UUID tenantId, UUID backupId) {
        return find(backupId).filter(b -> b.tenantId().equals(tenantId));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
