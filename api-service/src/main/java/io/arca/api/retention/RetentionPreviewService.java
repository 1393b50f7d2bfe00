package io.arca.api.retention;

import io.agroal.api.AgroalDataSource;
import io.arca.api.auth.Caller;
import io.arca.api.common.Cursor;
import io.arca.api.common.PositionCursor;
import io.arca.api.error.ProblemException;
import io.arca.retention.InvalidRetentionPolicyException;
import io.arca.retention.RetentionPlan;
import io.arca.retention.RetentionPlanner;
import io.arca.retention.RetentionPolicy;
import io.arca.retention.RetentionScope.Kind;
import io.arca.retention.RetentionScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The retention preview of a schedule or of a source's default policy: the scheduler's own plan
 * ({@link RetentionPlanner}, the code path that expires backups) at this moment, one page of it. The whole scope is
 * evaluated on each request (10,000 backups take milliseconds), so pages are positions in one newest-first order.
 */
@ApplicationScoped
public class RetentionPreviewService {
    @Inject
    Caller caller;

    @Inject
    AgroalDataSource db;

    /**
     * @param candidate a policy to preview instead of the stored one (before saving it); null: the stored one
     */
    public RetentionDtos.PreviewView preview(Kind kind, UUID id, RetentionPolicy candidate, String limit,
            String cursor) {
        int pageSize = Cursor.checkLimit(limit);
        long after = PositionCursor.decode(cursor);
        RetentionPolicy override = candidate == null ? null : checked(candidate);
        RetentionPlan plan;
        try (Connection c = db.getConnection()) {
            RetentionScope scope = RetentionScope.find(c, kind, id)
                    .filter(s -> s.tenantId().equals(caller.tenantId()))
                    .orElseThrow(() -> ProblemException.notFound(kind.wireName(), id));
            plan = RetentionPlanner.plan(c, override == null ? scope : scope.withPolicy(override), Instant.now());
        } catch (SQLException e) {
            throw new IllegalStateException("retention preview of " + kind.wireName() + " " + id + " failed", e);
        }
        List<RetentionPlan.Entry> entries = plan.entries();
        int from = (int) Math.min(after + 1, entries.size());
        int to = Math.min(from + pageSize, entries.size());
        String next = to < entries.size() ? PositionCursor.encode(to - 1) : null;
        return new RetentionDtos.PreviewView(kind.wireName(), id, plan.scope().policy(), plan.scope().zone().getId(),
                plan.evaluatedAt(), new RetentionDtos.Counts(entries.size(), plan.count(RetentionPlan.Action.KEEP),
                plan.count(RetentionPlan.Action.DELETE), plan.count(RetentionPlan.Action.CLEANUP)),
                entries.subList(from, to).stream().map(RetentionDtos::item).toList(), next);
    }

    /** The body of a preview of a candidate policy: required. */
    static RetentionPolicy required(RetentionPolicy policy) {
        if (policy == null) {
            throw ProblemException.invalid("policy", "give the policy to preview as the body, or GET the preview of "
                    + "the stored one");
        }
        return policy;
    }

    /** The policy, validated; a bad one answers 400 naming the field. */
    static RetentionPolicy checked(RetentionPolicy policy) {
        try {
            return policy.validated();
        } catch (InvalidRetentionPolicyException e) {
            throw ProblemException.invalid(e.field(), e.getMessage());
        }
    }
}
