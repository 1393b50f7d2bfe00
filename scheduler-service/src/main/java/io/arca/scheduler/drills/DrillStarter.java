package io.arca.scheduler.drills;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.arca.jobs.JobTable;
import io.arca.jobs.PendingJobs;
import io.arca.scheduler.config.DrillsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Starts the restore drills that are due: for each enabled schedule whose {@code next_drill_at} has come, a deep
 * verification ({@code origin = drill}) of the schedule's newest completed, intact, live backup, restored into a
 * scratch database on the policy's target source. A completed drill sets the backup's {@code proven_restorable_at}
 * and the source's {@code last_proven_restorable_at} (the verify job's completion writes them), which is what the API
 * flags as overdue. Schedules are locked {@code FOR UPDATE SKIP LOCKED}, so replicas start each drill once; the
 * verification's one-active index means a drill never doubles a verification that is still running.
 */
@ApplicationScoped
public class DrillStarter {
    private static final Logger LOG = Logger.getLogger(DrillStarter.class);

    private final AgroalDataSource db;
    private final PendingJobs jobs;
    private final ObjectMapper json;
    private final DrillsConfig config;

    public DrillStarter(AgroalDataSource db, PendingJobs jobs, ObjectMapper json, DrillsConfig config) {
        this.db = db;
        this.jobs = jobs;
        this.json = json;
        this.config = config;
    }

    private record Due(UUID scheduleId, UUID tenantId, DrillPolicy policy) {
    }

    /** The newest backup a drill can prove. */
    private record Candidate(UUID backupId, UUID sourceId) {
    }

    /** What one call did: schedules taken, drills started. */
    public record Batch(int taken, int started) {
    }

    @Transactional
    public Batch startDue(Instant now) throws Exception {
        try (Connection c = db.getConnection()) {
            List<Due> due = lockDue(c, now);
            int started = 0;
            for (Due d : due) {
                Candidate backup = newestProvable(c, d.scheduleId());
                Instant next;
                if (backup == null) {
                    next = now.plus(min(config.retryWithoutBackup(), d.policy()));
                    LOG.infof("schedule %s: drill due, but no completed intact backup to prove yet; looking again at %s",
                            d.scheduleId(), next);
                } else {
                    if (start(c, d, backup, now)) {
                        started++;
                    }
                    next = now.plus(d.policy().every());
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "update schedules set next_drill_at = ? where id = ?")) {
                    ps.setTimestamp(1, Timestamp.from(next));
                    ps.setObject(2, d.scheduleId());
                    ps.executeUpdate();
                }
            }
            return new Batch(due.size(), started);
        }
    }

    private static Duration min(Duration retry, DrillPolicy policy) {
        return retry.compareTo(policy.every()) < 0 ? retry : policy.every();
    }

    private List<Due> lockDue(Connection c, Instant now) throws Exception {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, tenant_id, drill::text from schedules "
                + "where enabled and next_drill_at <= ? and drill is not null "
                + "order by next_drill_at limit ? for update skip locked")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, config.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            DrillPolicy.read(json.readTree(rs.getString(3)))));
                }
            }
        }
        return due;
    }

    private static Candidate newestProvable(Connection c, UUID scheduleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id, source_id from backups where schedule_id = ? "
                + "and state = 'completed' and not corrupted and lifecycle = 'live' "
                + "order by finished_at desc nulls last, created_at desc limit 1")) {
            ps.setObject(1, scheduleId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Candidate(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)) : null;
            }
        }
    }

    /** @return false when a verification of the backup is still unfinished (it is the drill's proof already) */
    private boolean start(Connection c, Due d, Candidate backup, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from verifications where backup_id = ? "
                + "and state in ('pending', 'queued', 'running')")) {
            ps.setObject(1, backup.backupId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    LOG.infof("schedule %s: drill due, backup %s is being verified already", d.scheduleId(),
                            backup.backupId());
                    return false;
                }
            }
        }
        UUID id = jobs.record(c, JobTable.VERIFICATIONS, d.tenantId(), backup.sourceId(), new PendingJobs.Columns()
                        .set("backup_id", backup.backupId())
                        .set("source_id", backup.sourceId())
                        .set("deep", true)
                        .set("target_source_id", d.policy().targetSourceId())
                        .set("origin", "drill")
                        .set("schedule_id", d.scheduleId()),
                Map.of("backupId", backup.backupId().toString(), "deep", true,
                        "targetSourceId", d.policy().targetSourceId().toString(), "origin", "drill",
                        "scheduleId", d.scheduleId().toString()), now);
        LOG.infof("schedule %s: restore drill %s started for backup %s", d.scheduleId(), id, backup.backupId());
        return true;
    }
}
