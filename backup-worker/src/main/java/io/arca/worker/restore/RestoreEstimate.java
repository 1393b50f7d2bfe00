package io.arca.worker.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * How long a restore of {@code bytes} plaintext bytes will take here: those bytes divided by this deployment's
 * measured restore throughput, the median of {@code bytes_restored / (finished_at - started_at)} over the tenant's
 * last {@value #SAMPLE} completed restores that were not dry runs (the whole deployment's when the tenant has none;
 * a configured default when nothing was measured). Each measured throughput includes what a restore does besides
 * loading rows (connecting, schema, indexes), so the estimate carries that overhead in the same proportion. The
 * median, not the mean: one restore that waited on a lock or ran beside a big backup does not move it.
 *
 * @param durationMs     the estimate
 * @param bytesPerSecond the throughput it assumes
 * @param basis          how it was derived, in words
 */
record RestoreEstimate(long durationMs, long bytesPerSecond, String basis) {
    static final int SAMPLE = 20;
    private static final String MEDIAN = "select percentile_cont(0.5) within group (order by bps), count(*) from ("
            + "select bytes_restored / extract(epoch from finished_at - started_at) as bps from restores "
            + "where state = 'completed' and not dry_run and bytes_restored > 0 and finished_at > started_at %s "
            + "order by finished_at desc limit " + SAMPLE + ") measured";

    static RestoreEstimate of(Connection c, UUID tenantId, long bytes, long defaultBytesPerSecond)
            throws SQLException {
        Measured tenant = measure(c, "and tenant_id = ?", tenantId);
        if (tenant != null) {
            return estimate(bytes, tenant, "this tenant's");
        }
        Measured deployment = measure(c, "", null);
        if (deployment != null) {
            return estimate(bytes, deployment, "this deployment's");
        }
        return new RestoreEstimate(millis(bytes, defaultBytesPerSecond), defaultBytesPerSecond, bytes
                + " bytes to load at the default " + mbps(defaultBytesPerSecond) + " (arca.restore."
                + "estimate-default-bytes-per-second): no restore of this deployment has been measured yet");
    }

    private record Measured(long bytesPerSecond, int restores) {
    }

    private static RestoreEstimate estimate(long bytes, Measured m, String whose) {
        return new RestoreEstimate(millis(bytes, m.bytesPerSecond()), m.bytesPerSecond(), bytes + " bytes to load at "
                + mbps(m.bytesPerSecond()) + ", the median throughput (bytes restored / wall time) of " + whose
                + " last " + m.restores() + " completed restore" + (m.restores() == 1 ? "" : "s"));
    }

    private static Measured measure(Connection c, String filter, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MEDIAN.formatted(filter))) {
            if (tenantId != null) {
                ps.setObject(1, tenantId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int restores = rs.getInt(2);
                double median = rs.getDouble(1);
                return restores == 0 || median <= 0 ? null : new Measured(Math.max(1, Math.round(median)), restores);
            }
        }
    }

    private static long millis(long bytes, long bytesPerSecond) {
        return Math.round(bytes * 1000.0 / bytesPerSecond);
    }

    private static String mbps(long bytesPerSecond) {
        return String.format(java.util.Locale.ROOT, "%.1f MB/s", bytesPerSecond / 1e6);
    }
}
