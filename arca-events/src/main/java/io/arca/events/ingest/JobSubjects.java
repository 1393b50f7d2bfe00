package io.arca.events.ingest;

import io.arca.common.job.JobKind;
import io.arca.common.messages.JobEvent;
import io.arca.jobs.JobTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the subject of job facts from their job rows, on the caller's connection: one primary-key query per job, cached
 * for the life of this object (one ingested batch), since a batch often holds several facts of one job. A fact whose
 * row is not there keeps what the fact itself says (its job id, and ids its data names).
 */
public final class JobSubjects {
    /** Per kind: the subject key of the job's own id and the columns holding the backup, source and schedule. */
    private record Shape(String ownKey, String backupColumn, String sourceColumn, String scheduleColumn) {
    }

    private static final Map<JobKind, Shape> SHAPES = Map.of(
            JobKind.BACKUP, new Shape("backupId", null, "source_id", "schedule_id"),
            // a restore is about its target: that is the database it changes
            JobKind.RESTORE, new Shape("restoreId", "backup_id", "target_source_id", null),
            JobKind.VERIFY, new Shape("verificationId", "backup_id", "source_id", "schedule_id"),
            JobKind.EXPORT, new Shape("exportId", "backup_id", "source_id", null),
            JobKind.DELETE, new Shape("deletionId", "backup_id", "source_id", null),
            JobKind.GC, new Shape("gcRunId", null, null, null));

    private final Connection c;
    private final Map<UUID, JobSubject> cache = new HashMap<>();

    public JobSubjects(Connection c) {
        this.c = c;
    }

    /** The subject of {@code fact}; its kind must be a known one. */
    public JobSubject of(JobEvent fact) throws SQLException {
        JobSubject cached = cache.get(fact.jobId());
        if (cached == null) {
            cached = read(fact);
            cache.put(fact.jobId(), cached);
        }
        return cached;
    }

    private JobSubject read(JobEvent fact) throws SQLException {
        JobKind kind = JobKind.fromWireName(fact.kind());
        Shape shape = SHAPES.get(kind);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("jobId", fact.jobId().toString());
        ids.put(shape.ownKey(), fact.jobId().toString());
        fromData(fact, ids, "backupId");
        fromData(fact, ids, "sourceId");
        fromData(fact, ids, "scheduleId");
        String sql = "select " + column(shape.backupColumn()) + ", " + column(shape.sourceColumn()) + ", "
                + column(shape.scheduleColumn()) + ", s.name from " + JobTable.of(kind).table() + " j "
                + "left join sources s on s.id = " + column(shape.sourceColumn()) + " and s.tenant_id = j.tenant_id "
                + "where j.id = ? and j.tenant_id = ?";
        String sourceName = null;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, fact.jobId());
            ps.setObject(2, fact.tenantId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    put(ids, "backupId", rs.getString(1));
                    put(ids, "sourceId", rs.getString(2));
                    put(ids, "scheduleId", rs.getString(3));
                    sourceName = rs.getString(4);
                }
            }
        }
        return new JobSubject(ids, sourceName);
    }

    private static String column(String name) {
        return name == null ? "cast(null as uuid)" : "j." + name;
    }

    private static void put(Map<String, String> ids, String key, String value) {
        if (value != null) {
            ids.put(key, value);
        }
    }

    /** An id the fact's data names (e.g. backup.deleted's sourceId), when it is one. */
    private static void fromData(JobEvent fact, Map<String, String> ids, String key) {
        if (fact.data() != null && fact.data().get(key) instanceof String s && !ids.containsKey(key)) {
            try {
                ids.put(key, UUID.fromString(s).toString());
            } catch (IllegalArgumentException notAnId) {
                // not an id: it stays in data only
            }
        }
    }
}
