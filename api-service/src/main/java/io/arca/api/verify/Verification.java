package io.arca.api.verify;

import io.arca.api.job.JobRow;
import io.arca.common.job.JobState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A verify job row: the job columns ({@link JobRow}) and a verification's own (backup, depth, target, counters,
 * result). The worker fills counters and result; the API inserts it pending and reads it.
 */
@Entity
@Table(name = "verifications")
public class Verification extends JobRow {
    /** The states in which a verification is still to finish: at most one per backup (verifications_one_active). */
    static final List<String> ACTIVE_STATES = Arrays.stream(JobState.values()).filter(s -> !s.isTerminal())
            .map(JobState::wireName).toList();

    @Column(name = "backup_id", nullable = false)
    public UUID backupId;
    @Column(name = "source_id", nullable = false)
    public UUID sourceId;
    @Column(nullable = false)
    public boolean deep;
    @Column(name = "target_source_id")
    public UUID targetSourceId;

    @Column(name = "chunks_checked")
    public long chunksChecked;
    @Column(name = "chunks_total")
    public long chunksTotal;
    @Column(name = "bytes_checked")
    public long bytesChecked;
    /** ok, corrupted or restore-mismatch (deep: intact objects, a restored table differs), once finished. */
    public String result;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Map<String, Object>> problems;

    public static Optional<Verification> findInTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    /** The verification of this backup that has not finished yet, if any. */
    static Optional<Verification> findActive(UUID tenantId, UUID backupId) {
        return find("tenantId = ?1 and backupId = ?2 and state in ?3", tenantId, backupId, ACTIVE_STATES)
                .firstResultOptional();
    }
}
