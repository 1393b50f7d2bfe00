package io.arca.api.events;

import io.agroal.api.AgroalDataSource;
import io.arca.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the retained history of the event log for a stream client that resumes ({@code Last-Event-ID}): one tenant's
 * events in a seq range, page by page on short-lived pool connections, so a slow client holds no connection while
 * it is written to.
 */
@ApplicationScoped
class EventReplay {
    /** Rows per query while replaying. */
    static final int PAGE_SIZE = 500;

    @Inject
    AgroalDataSource dataSource;

    /**
     * Where the log stands for a client resuming after {@code lastEventId}.
     *
     * @param head        the last seq ever assigned
     * @param windowStart the first event recorded within the retention window (by recorded_at: seq order up to the
     *                    few transactions in flight at the boundary); null when none is that young
     * @param firstAfter  the oldest retained event after {@code lastEventId}, of any tenant; null when none is
     */
    record Extent(long head, Long windowStart, Long firstAfter) {
    }

    Extent extent(long lastEventId, Duration retention) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select (select seq from event_log_head where id = 1), "
                        + "(select seq from events where recorded_at >= now() - make_interval(secs => ?) "
                        + "order by recorded_at, seq limit 1), "
                        + "(select min(seq) from events where seq > ?)")) {
            ps.setLong(1, retention.toSeconds());
            ps.setLong(2, lastEventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Extent(rs.getLong(1), rs.getObject(2, Long.class), rs.getObject(3, Long.class));
            }
        }
    }

    /**
     * One page of the tenant's events with {@code after < seq <= upTo} in seq order, narrowed by the filter's source
     * and job in SQL (its types are checked by the caller, with {@link StreamFilter#matches}).
     *
     * @return at most {@link #PAGE_SIZE} rows; fewer means the range is exhausted
     */
    List<TailEvent> page(StreamFilter filter, long after, long upTo) throws SQLException {
        StringBuilder sql = new StringBuilder("select " + TailEvent.COLUMNS + " from events "
                + "where tenant_id = ? and seq > ? and seq <= ? and type <> ?");
        if (filter.sourceId() != null) {
            sql.append(" and source_id = ?");
        }
        if (filter.jobId() != null) {
            sql.append(" and job_id = ?");
        }
        sql.append(" order by seq limit ").append(PAGE_SIZE);
        List<TailEvent> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 0;
            ps.setObject(++i, filter.tenantId());
            ps.setLong(++i, after);
            ps.setLong(++i, upTo);
            ps.setString(++i, EventType.NOTIFICATION_TEST.wireName());
            if (filter.sourceId() != null) {
                ps.setObject(++i, filter.sourceId());
            }
            if (filter.jobId() != null) {
                ps.setObject(++i, filter.jobId());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(TailEvent.read(rs));
                }
            }
        }
        return rows;
    }
}
