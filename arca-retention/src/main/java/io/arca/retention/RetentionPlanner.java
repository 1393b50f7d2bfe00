package io.arca.retention;

import io.arca.retention.RetentionPlan.Action;
import io.arca.retention.RetentionPlan.Entry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a scope's live backups and decides each one's fate: the one code path of the retention preview (API) and of
 * expiry (scheduler). Completed, uncorrupted backups are judged by {@link RetentionEvaluator}; the others are shown
 * with what happens to them instead.
 */
public final class RetentionPlanner {
    static final String NO_RULE = "kept by no rule";
    static final String NO_POLICY = "no retention policy: every backup is kept";
    static final String IN_PROGRESS = "in progress: judged once completed";
    static final String CORRUPTED = "corrupted: not judged by retention (it counts for no rule); delete it yourself";
    static final String FAILED = "failed or cancelled: deleted by the failed cleanup once older than the scheduler's "
            + "arca.retention.failed-max-age";

    private RetentionPlanner() {
    }

    public static RetentionPlan plan(Connection c, RetentionScope scope, Instant now) throws SQLException {
        return plan(scope, now, ScopeBackups.load(c, scope));
    }

    /** The plan for backups already loaded (newest first). */
    public static RetentionPlan plan(RetentionScope scope, Instant now, List<ScopeBackup> backups) {
        Map<UUID, RetentionVerdict> verdicts = new HashMap<>();
        if (scope.policy() != null) {
            List<RetentionCandidate> candidates = backups.stream().filter(ScopeBackup::candidate)
                    .map(b -> new RetentionCandidate(b.id(), b.time(), b.pinned())).toList();
            for (RetentionVerdict v : RetentionEvaluator.evaluate(scope.policy(), scope.zone(), now, candidates)) {
                verdicts.put(v.id(), v);
            }
        }
        List<Entry> entries = new ArrayList<>(backups.size());
        for (ScopeBackup b : backups) {
            entries.add(entry(scope, b, verdicts.get(b.id())));
        }
        return new RetentionPlan(scope, now, entries);
    }

    private static Entry entry(RetentionScope scope, ScopeBackup b, RetentionVerdict verdict) {
        if (verdict != null) {
            return verdict.keep() ? new Entry(b, Action.KEEP, verdict.rules(), null)
                    : new Entry(b, Action.DELETE, List.of(), NO_RULE);
        }
        if (b.pinned()) {
            return new Entry(b, Action.KEEP, List.of("pinned"), null);
        }
        return switch (b.state()) {
            case "failed", "cancelled" -> new Entry(b, Action.CLEANUP, List.of(), FAILED);
            case "completed" -> new Entry(b, Action.KEEP, List.of(), scope.policy() == null ? NO_POLICY : CORRUPTED);
            default -> new Entry(b, Action.KEEP, List.of(), IN_PROGRESS);
        };
    }
}
