package io.arca.api.masterkey;

import io.agroal.api.AgroalDataSource;
import io.arca.common.crypto.MasterKeyRing;
import io.arca.common.crypto.SecretUnsealException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks at (and when asked re-seals) every value of the catalog's sealed columns ({@link SealedColumn#ALL}). Each
 * value is replaced on its own, in its own statement, and only if it is still the value read: a crash leaves every
 * value either old or new (both open while the old key is previous), a second run finds only what is left, and a
 * value changed meanwhile by the API (sealed under the current key) is not overwritten.
 */
@ApplicationScoped
class CatalogSweep {
    private static final int PAGE = 500;

    private final AgroalDataSource db;
    private final MasterKeyRing ring;

    CatalogSweep(AgroalDataSource db, MasterKeyRing ring) {
        this.db = db;
        this.ring = ring;
    }

    void sweep(SealedColumn column, boolean write, SweepReport report) throws SQLException {
        report.kind(column.kind());
        Object[] after = column.firstKey();
        while (true) {
            List<Row> page = page(column, after);
            for (Row row : page) {
                look(column, row, write, report);
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).key();
        }
    }

    private record Row(Object[] key, byte[] sealed) {
    }

    private void look(SealedColumn column, Row row, boolean write, SweepReport report) throws SQLException {
        byte[] context = column.context().apply(row.key());
        Optional<byte[]> resealed;
        try {
            resealed = ring.resealIfPrevious(row.sealed(), context);
        } catch (SecretUnsealException e) {
            report.unreadable(column.kind(), SealedColumn.describe(row.key()), e.getMessage());
            return;
        }
        if (resealed.isEmpty()) {
            report.current(column.kind());
        } else if (!write) {
            report.onPreviousKey(column.kind());
        } else if (compareAndSet(column, row, resealed.get())) {
            report.rewrapped(column.kind());
        } else {
            lookAgain(column, row.key(), report);
        }
    }

    /** The row changed while we re-sealed it: count what it holds now (or nothing, if it is gone). */
    private void lookAgain(SealedColumn column, Object[] key, SweepReport report) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(column.selectOne())) {
            bindKey(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                byte[] now = rs.next() ? rs.getBytes(1) : null;
                if (now == null) {
                    return;
                }
                try {
                    if (ring.openReporting(now, column.context().apply(key)).underPreviousKey()) {
                        report.onPreviousKey(column.kind()); // left for the next run
                    } else {
                        report.current(column.kind());
                    }
                } catch (SecretUnsealException e) {
                    report.unreadable(column.kind(), SealedColumn.describe(key), e.getMessage());
                }
            }
        }
    }

    private boolean compareAndSet(SealedColumn column, Row row, byte[] resealed) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(column.compareAndSet())) {
            ps.setBytes(1, resealed);
            int next = bindKey(ps, 2, row.key());
            ps.setBytes(next, row.sealed());
            return ps.executeUpdate() == 1;
        }
    }

    private List<Row> page(SealedColumn column, Object[] after) throws SQLException {
        int keys = column.keyColumns().size();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(column.selectPage())) {
            int next = bindKey(ps, 1, after);
            ps.setInt(next, PAGE);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] key = new Object[keys];
                    for (int i = 0; i < keys; i++) {
                        key[i] = rs.getObject(i + 1);
                    }
                    rows.add(new Row(key, rs.getBytes(keys + 1)));
                }
            }
            return rows;
        }
    }

    private static int bindKey(PreparedStatement ps, int from, Object[] key) throws SQLException {
        for (Object part : key) {
            ps.setObject(from++, part);
        }
        return from;
    }
}
