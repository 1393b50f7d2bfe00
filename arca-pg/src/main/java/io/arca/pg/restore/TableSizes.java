package io.arca.pg.restore;

import io.arca.pg.Identifiers;
import io.arca.pg.restore.TargetInspection.ExistingTable;
import io.arca.pg.restore.TargetInspection.QualifiedTable;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Sizes of the target's tables for a {@link TargetInspection}: bytes always, rows exact where counting is cheap.
 * A dry run has to answer within seconds on a database of any size, and what people check in it is the row count of
 * the table they are about to touch — usually a small one — so small tables are counted and big ones estimated.
 */
final class TableSizes {
    /** A table whose heap (all partitions together) is larger than this gets the planner's estimate. */
    static final long EXACT_COUNT_MAX_BYTES = 32L << 20;
    /** Once the counted heaps add up to this, the remaining tables are estimated. */
    static final long EXACT_COUNT_BUDGET_BYTES = 128L << 20;
    /** A count that takes longer (a cold cache, a lock held by someone else) falls back to the estimate. */
    static final int COUNT_TIMEOUT_MILLIS = 1000;

    private static final String SQL = """
            SELECT n.nspname, c.relname, sizes.total_bytes, sizes.heap_bytes, sizes.estimate, sizes.unanalyzed
            FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS wanted (schema_name, table_name, ord)
            JOIN pg_catalog.pg_namespace n ON n.nspname = wanted.schema_name
            JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = wanted.table_name
                                      AND c.relkind IN ('r', 'p')
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(pg_catalog.pg_total_relation_size(leaf.oid)), 0) AS total_bytes,
                       coalesce(sum(pg_catalog.pg_relation_size(leaf.oid)), 0) AS heap_bytes,
                       coalesce(sum(CASE WHEN leaf.relpages > 0 THEN leaf.reltuples / leaf.relpages
                                        * (pg_catalog.pg_relation_size(leaf.oid)
                                           / current_setting('block_size')::int)
                                    ELSE greatest(leaf.reltuples, 0) END), 0)::bigint AS estimate,
                       coalesce(bool_or(leaf.reltuples < 0
                                OR (leaf.relpages = 0 AND pg_catalog.pg_relation_size(leaf.oid) > 0)), false)
                           AS unanalyzed
                FROM pg_catalog.pg_class leaf
                WHERE leaf.oid = c.oid AND c.relkind = 'r'
                   OR leaf.oid IN (SELECT relid FROM pg_catalog.pg_partition_tree(c.oid) WHERE isleaf)
            ) sizes
            ORDER BY wanted.ord
            """;

    private TableSizes() {
    }

    /** The tables of {@code wanted} that exist, in the order asked. */
    static List<ExistingTable> of(Connection c, Collection<QualifiedTable> wanted) throws SQLException {
        return of(c, wanted, EXACT_COUNT_MAX_BYTES, EXACT_COUNT_BUDGET_BYTES);
    }

    /** As {@link #of(Connection, Collection)} with other bounds (tests use small ones). */
    static List<ExistingTable> of(Connection c, Collection<QualifiedTable> wanted, long exactCountMaxBytes,
                                  long exactCountBudgetBytes) throws SQLException {
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Sized> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            Array schemas = c.createArrayOf("text", wanted.stream().map(QualifiedTable::schema).toArray());
            Array names = c.createArrayOf("text", wanted.stream().map(QualifiedTable::table).toArray());
            ps.setArray(1, schemas);
            ps.setArray(2, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Sized(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getBoolean(6) ? -1 : rs.getLong(5)));
                }
            }
        }
        List<ExistingTable> result = new ArrayList<>();
        long budget = exactCountBudgetBytes;
        for (Sized t : found) {
            Long exact = null;
            if (t.heapBytes() <= exactCountMaxBytes && t.heapBytes() <= budget) {
                budget -= t.heapBytes();
                exact = count(c, t);
            }
            result.add(exact == null ? new ExistingTable(t.schema(), t.table(), t.estimate(), true, t.totalBytes())
                    : new ExistingTable(t.schema(), t.table(), exact, false, t.totalBytes()));
        }
        return result;
    }

    /** {@code count(*)}, or null when it took longer than {@link #COUNT_TIMEOUT_MILLIS} or is not allowed. */
    private static Long count(Connection c, Sized t) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = " + COUNT_TIMEOUT_MILLIS);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + Identifiers.qualified(t.schema(),
                    t.table()))) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                // query_canceled (the timeout) or no SELECT on the table: the estimate will do
                if ("57014".equals(e.getSQLState()) || "42501".equals(e.getSQLState())) {
                    return null;
                }
                throw e;
            } finally {
                s.execute("RESET statement_timeout");
            }
        }
    }

    private record Sized(String schema, String table, long totalBytes, long heapBytes, long estimate) {
    }
}
