package io.arca.scheduler.retention;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs retention: every {@code arca.retention.interval} each scope with a policy is evaluated and the failed cleanup
 * runs; every {@code arca.retention.recheck-interval} the scopes with a newly finished backup are evaluated, so a
 * backup's completion is followed within seconds. Each scope is one transaction ({@link ScopeEvaluation}); one
 * scope's failure is logged and the others go on. Tests call the sweeps with an explicit time.
 */
@ApplicationScoped
public class RetentionSweeper {
    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);

    private final AgroalDataSource db;
    private final ScopeEvaluation evaluation;
    private final FailedCleanup failed;
    private final Clock clock;

    public RetentionSweeper(AgroalDataSource db, ScopeEvaluation evaluation, FailedCleanup failed, Clock clock) {
        this.db = db;
        this.evaluation = evaluation;
        this.failed = failed;
        this.clock = clock;
    }

    /** What a sweep did: scopes evaluated, and backups it expired. */
    public record Sweep(int scopes, int expired) {
    }

    @Scheduled(identity = "retention-evaluation", every = "${arca.retention.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        Instant now = clock.instant();
        try {
            sweepAll(now);
            cleanFailed(now);
        } catch (Exception e) {
            // the next run retries; each scope and batch committed on its own
            LOG.errorf(e, "retention sweep failed");
        }
    }

    @Scheduled(identity = "retention-recheck", every = "${arca.retention.recheck-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recheck() {
        try {
            sweepChanged(clock.instant());
        } catch (Exception e) {
            LOG.errorf(e, "retention recheck failed");
        }
    }

    /** Evaluates every scope with a policy. */
    public Sweep sweepAll(Instant now) throws SQLException {
        List<ScopeRef> scopes;
        try (Connection c = db.getConnection()) {
            scopes = DueScopes.all(c);
        }
        return evaluate(scopes, now);
    }

    /** Evaluates the scopes never evaluated or with a backup finished since their last evaluation. */
    public Sweep sweepChanged(Instant now) throws SQLException {
        List<ScopeRef> scopes;
        try (Connection c = db.getConnection()) {
            scopes = DueScopes.changed(c);
        }
        return evaluate(scopes, now);
    }

    /** @return how many failed or cancelled backups got a delete job */
    public int cleanFailed(Instant now) throws SQLException {
        int expired = 0;
        FailedCleanup.Batch batch;
        do {
            batch = failed.cleanBatch(now);
            expired += batch.expired();
        } while (batch.taken() > 0 && batch.taken() == batch.expired());
        return expired;
    }

    private Sweep evaluate(List<ScopeRef> scopes, Instant now) {
        int evaluated = 0;
        int expired = 0;
        for (ScopeRef scope : scopes) {
            try {
                ScopeEvaluation.Outcome outcome;
                do {
                    outcome = evaluation.evaluate(scope, now);
                    expired += outcome.expired();
                } while (outcome.more() && outcome.expired() > 0);
                evaluated += outcome.evaluated() ? 1 : 0;
            } catch (Exception e) {
                LOG.errorf(e, "retention of %s %s failed; retried next sweep", scope.kind().wireName(), scope.id());
            }
        }
        return new Sweep(evaluated, expired);
    }
}
