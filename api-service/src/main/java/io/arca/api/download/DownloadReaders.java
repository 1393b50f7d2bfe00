package io.arca.api.download;

import io.agroal.api.AgroalDataSource;
import io.arca.api.deletion.BackupLifecycle;
import io.arca.api.error.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * A download holds its backup open through a {@code backup_readers} row (kind {@code download}): registered before
 * the first byte, its lease renewed every third of {@code arca.downloads.reader-lease-seconds} while the body
 * streams, removed when the download ends. A delete job waits while a lease is live; an API that crashed mid-download
 * leaves a row that simply expires.
 */
@ApplicationScoped
public class DownloadReaders {
    private static final Logger LOG = Logger.getLogger(DownloadReaders.class);

    private final AgroalDataSource db;
    private final int leaseSeconds;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "arca-download-reader-leases");
        t.setDaemon(true);
        return t;
    });

    public DownloadReaders(AgroalDataSource db, DownloadsConfig config) {
        this.db = db;
        this.leaseSeconds = Math.max(3, config.readerLeaseSeconds());
    }

    /** A registered reader: close it when the download ends (idempotent). */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Registers a reader of a live backup, checking the life cycle under a share lock on the backup row (so a
     * deletion request either commits first and this is refused, or waits for this and its job sees the reader).
     *
     * @throws ProblemException 409 {@code backup-being-deleted} or 410 {@code backup-gone}
     */
    @Transactional
    public Lease register(UUID tenantId, UUID backupId) {
        UUID id = UUID.randomUUID();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select lifecycle from backups where id = ? "
                    + "and tenant_id = ? for share")) {
                ps.setObject(1, backupId);
                ps.setObject(2, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    BackupLifecycle.requireLive(backupId, rs.next() ? rs.getString(1) : BackupLifecycle.DELETED);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into backup_readers (id, backup_id, tenant_id, "
                    + "kind, expires_at) values (?, ?, ?, 'download', now() + make_interval(secs => ?))")) {
                ps.setObject(1, id);
                ps.setObject(2, backupId);
                ps.setObject(3, tenantId);
                ps.setInt(4, leaseSeconds);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("registering a reader of backup " + backupId + " failed", e);
        }
        ScheduledFuture<?> renewal = renewals.scheduleWithFixedDelay(() -> update(id,
                "update backup_readers set expires_at = now() + make_interval(secs => " + leaseSeconds
                        + ") where id = ?"), leaseSeconds / 3, leaseSeconds / 3, TimeUnit.SECONDS);
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                renewal.cancel(false);
                update(id, "delete from backup_readers where id = ?");
            }
        };
    }

    private void update(UUID readerId, String sql) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, readerId);
            ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            // a lease that is not renewed expires, one not removed too: the delete job only waits longer
            LOG.warnf("backup reader %s: %s failed: %s", readerId, sql.substring(0, 6), e.toString());
        }
    }

    @PreDestroy
    void stop() {
        renewals.shutdownNow();
    }
}
