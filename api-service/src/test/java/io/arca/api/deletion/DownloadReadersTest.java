package io.arca.api.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.api.ApiTest;
import io.arca.api.backup.TestBackups;
import io.arca.api.download.DownloadReaders;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A download's hold on its backup: a backup_readers lease while it streams, refused once a deletion was asked. */
@QuarkusTest
class DownloadReadersTest extends ApiTest {
    @Inject
    DownloadReaders readers;

    @Test
    void aDownloadHoldsALeaseWhileItReadsAndNoneCanStartOnceTheBackupIsBeingDeleted() throws Exception {
        TenantKeys tenant = newTenant();
        String backup = TestBackups.request(tenant, createSource(tenant.operator(), "src"));
        TestBackups.setState(backup, "completed");
        UUID id = UUID.fromString(backup);

        DownloadReaders.Lease lease = readers.register(tenant.tenantId(), id);
        assertThat(count("select count(*) from backup_readers where backup_id = ?::uuid and kind = 'download' "
                + "and expires_at > now()", backup)).isEqualTo(1);
        lease.close();
        lease.close();
        assertThat(count("select count(*) from backup_readers where backup_id = ?::uuid", backup)).isZero();

        as(tenant.operator()).delete("/api/v1/backups/" + backup).then().statusCode(202);
        assertThatThrownBy(() -> readers.register(tenant.tenantId(), id)).isInstanceOfSatisfying(
                ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.BACKUP_BEING_DELETED));
        assertThatThrownBy(() -> readers.register(newTenant().tenantId(), id)).as("another tenant's backup")
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.type()).isEqualTo(ProblemType.BACKUP_GONE));
    }

    private static long count(String sql, String param) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
