package io.arca.worker.source;

import io.agroal.api.AgroalDataSource;
import io.arca.common.crypto.MasterKeyRing;
import io.arca.common.crypto.SealingContexts;
import io.arca.common.crypto.SecretUnsealException;
import io.arca.pg.PgConnectionSpec;
import io.arca.storage.SourceDestinations;
import io.arca.worker.job.JobFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Connection details of a registered source, with its password unsealed ({@link SealingContexts#sourcePassword}).
 * The password lives only in the returned spec, which never prints it; nothing here logs it.
 */
@ApplicationScoped
public class SourceConnections {
    private final AgroalDataSource db;
    private final MasterKeyRing sealer;
    private final SourceDestinations destinations;

    public SourceConnections(AgroalDataSource db, MasterKeyRing masterKeys, SourceDestinations destinations) {
        this.db = db;
        this.sealer = masterKeys;
        this.destinations = destinations;
    }

    /**
     * The source's connection, to {@code databaseOverride} when given (restores into another database). Every job
     * connects through a spec from here, so the destination policy ({@code arca.sources.destinations}) is checked
     * right before each job's connections: a source that became disallowed after it was saved fails the job with
     * {@code destination-not-allowed}.
     */
    public PgConnectionSpec connection(UUID tenantId, UUID sourceId, String databaseOverride) throws JobFailure {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select host, port, database_name, username, password_sealed, ssl_mode from sources "
                        + "where id = ? and tenant_id = ?")) {
            ps.setObject(1, sourceId);
            ps.setObject(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new JobFailure("source-missing", "source " + sourceId + " does not exist");
                }
                String host = rs.getString(1);
                int port = rs.getInt(2);
                var refusal = destinations.refusal(host, port);
                if (refusal.isPresent()) {
                    throw new JobFailure("destination-not-allowed", "source " + sourceId + " points at "
                            + refusal.get());
                }
                String password;
                try {
                    password = new String(sealer.open(rs.getBytes(5), SealingContexts.sourcePassword(sourceId)),
                            StandardCharsets.UTF_8);
                } catch (SecretUnsealException e) {
                    throw new JobFailure("credentials-unreadable", "the password of source " + sourceId
                            + " cannot be unsealed with this worker's master keys: " + e.getMessage());
                }
                String database = databaseOverride != null ? databaseOverride : rs.getString(3);
                return new PgConnectionSpec(host, port, database, rs.getString(4), password,
                        rs.getString(6));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog read of source " + sourceId + " failed: " + e.getMessage(), e);
        }
    }

    /** The tenant's and the source's names, as the catalog holds them now. */
    public record Names(String tenant, String source) {
    }

    /**
     * The names a backup's manifest records beside the ids ({@code tenantName}, {@code sourceName}), so that a
     * repository read without the catalog ({@code arca repo ls}) says whose backup it is.
     */
    public Names names(UUID tenantId, UUID sourceId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select t.name, s.name from sources s join tenants t on t.id = s.tenant_id "
                        + "where s.id = ? and s.tenant_id = ?")) {
            ps.setObject(1, sourceId);
            ps.setObject(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Names(rs.getString(1), rs.getString(2)) : new Names("", "");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("catalog read of source " + sourceId + " failed: " + e.getMessage(), e);
        }
    }
}
