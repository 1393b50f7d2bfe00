package io.arca.worker.deletion;

import io.arca.jobs.JobTable;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What still reads a backup, so that it must not be deleted yet: an unfinished (pending, queued, running) restore,
 * export or verification of it, a download whose {@code backup_readers} lease has not expired (a crashed API's rows
 * simply expire), and the backup's own job while it still runs (it adds chunk references). The API refuses new reads
 * of a backup that is not live, checking under a share lock on the backup row, so once the delete request committed
 * nothing new can start and this list only shrinks.
 */
final class BackupReaders {
    private static final String UNFINISHED = "any(?)";
    private static final String COUNT = "select "
            + "(select count(*) from restores where tenant_id = ? and backup_id = ? and state = " + UNFINISHED + "), "
            + "(select count(*) from exports where tenant_id = ? and backup_id = ? and state = " + UNFINISHED + "), "
            + "(select count(*) from verifications where tenant_id = ? and backup_id = ? and state = " + UNFINISHED
            + "), (select count(*) from backup_readers where tenant_id = ? and backup_id = ? and expires_at > now()), "
            + "(select count(*) from backups where tenant_id = ? and id = ? and state = " + UNFINISHED + ")";

    private BackupReaders() {
    }

    /** The readers of the backup, e.g. {@code ["1 restore", "2 downloads"]}; empty when nothing reads it. */
    static List<String> of(Connection c, UUID tenantId, UUID backupId) throws SQLException {
        List<String> readers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(COUNT)) {
            Array unfinished = c.createArrayOf("text", JobTable.unfinishedStates());
            int i = 1;
            for (int reader = 0; reader < 5; reader++) {
                ps.setObject(i++, tenantId);
                ps.setObject(i++, backupId);
                if (reader != 3) {
                    ps.setArray(i++, unfinished);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                add(readers, rs.getLong(1), "restore");
                add(readers, rs.getLong(2), "export");
                add(readers, rs.getLong(3), "verification");
                add(readers, rs.getLong(4), "download");
                add(readers, rs.getLong(5), "unfinished backup job");
            }
        }
        return readers;
    }

    private static void add(List<String> readers, long count, String what) {
        if (count > 0) {
            readers.add(count + " " + what + (count == 1 ? "" : "s"));
        }
    }
}
