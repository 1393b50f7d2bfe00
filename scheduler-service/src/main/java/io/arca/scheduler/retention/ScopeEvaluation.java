package io.arca.scheduler.retention;

import io.agroal.api.AgroalDataSource;
import io.arca.retention.InvalidRetentionPolicyException;
import io.arca.retention.RetentionPlan;
import io.arca.retention.RetentionPlanner;
import io.arca.retention.RetentionScope;
import io.arca.retention.ScopeBackup;
import io.arca.scheduler.config.RetentionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Evaluates one scope in one transaction: plans it with {@link RetentionPlanner} (the preview's code path) and expires
 * the plan's {@code delete} backups through {@link BackupExpiry} (at most {@code
 * arca.retention.max-expirations-per-transaction}; {@link Outcome#more()} says the caller should go on), then stamps
 * the scope's {@code retention_checked_at}.
 *
 * <p>Replicas: the scope is taken with a transaction-scoped advisory lock ({@code pg_try_advisory_xact_lock}), and a
 * replica that does not get it skips the scope (another is evaluating it). Not a row lock on the schedule: the firing
 * claims due schedules {@code FOR UPDATE SKIP LOCKED}, and an evaluation holding the row would make a fire skip its
 * tick. Should two evaluations still overlap (a hash collision of the lock key is merely a skip), the guarded update of
 * {@link BackupExpiry} keeps it to one delete job per backup.
 */
@ApplicationScoped
public class ScopeEvaluation {
    private static final Logger LOG = Logger.getLogger(ScopeEvaluation.class);
    /** Lock class of retention scopes ("RET1"), the first key of the two-key advisory lock. */
    private static final int LOCK_CLASS = 0x52455431;

    private final AgroalDataSource db;
    private final BackupExpiry expiry;
    private final RetentionConfig config;

    public ScopeEvaluation(AgroalDataSource db, BackupExpiry expiry, RetentionConfig config) {
        this.db = db;
        this.expiry = expiry;
        this.config = config;
    }

    /** What one evaluation did. {@code evaluated} is false when another replica held the scope, or it has no policy. */
    public record Outcome(boolean evaluated, int expired, int kept, boolean more) {
        static final Outcome SKIPPED = new Outcome(false, 0, 0, false);
    }

    @Transactional
    public Outcome evaluate(ScopeRef ref, Instant now) throws SQLException {
        try (Connection c = db.getConnection()) {
            if (!tryLock(c, ref)) {
                return Outcome.SKIPPED;
            }
            Optional<RetentionScope> found = RetentionScope.find(c, ref.kind(), ref.id());
            if (found.isEmpty() || found.get().policy() == null) {
                return Outcome.SKIPPED;
            }
            RetentionScope scope = found.get();
            try {
                scope.policy().validated();
            } catch (InvalidRetentionPolicyException e) {
                // the API validates what it stores; a policy that slipped past is never applied, it could delete all
                LOG.errorf("%s: stored policy is invalid, not applied: %s", scope.describe(), e.getMessage());
                return Outcome.SKIPPED;
            }
            RetentionPlan plan = RetentionPlanner.plan(c, scope, now);
            String detail = plan.deletionDetail();
            // the oldest first; expiring some of the delete set never changes what the next plan keeps (a backup no
            // rule keeps is in no rule's bucket, and a rule with counts left would have kept it as the oldest)
            List<RetentionPlan.Entry> toDelete = plan.toDelete().reversed();
            int limit = config.maxExpirationsPerTransaction();
            boolean more = toDelete.size() > limit;
            int expired = 0;
            for (RetentionPlan.Entry entry : more ? toDelete.subList(0, limit) : toDelete) {
                ScopeBackup b = entry.backup();
                if (expiry.expire(c, new BackupExpiry.Expiring(b.id(), scope.tenantId(), b.sourceId(), b.scheduleId(),
                        b.state(), "retention", scope.policy().summary(), detail), now) != null) {
                    expired++;
                }
            }
            markChecked(c, ref, now);
            if (expired > 0) {
                LOG.infof("%s: %d backups expiring, %d kept", scope.describe(), expired,
                        plan.count(RetentionPlan.Action.KEEP));
            }
            return new Outcome(true, expired, (int) plan.count(RetentionPlan.Action.KEEP), more);
        }
    }

    private static boolean tryLock(Connection c, ScopeRef ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?, hashtext(?))")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setString(2, ref.kind().wireName() + ":" + ref.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void markChecked(Connection c, ScopeRef ref, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update " + ref.kind().table() + " set retention_checked_at = ? where id = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, ref.id());
            ps.executeUpdate();
        }
    }
}
