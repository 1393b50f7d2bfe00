package io.arca.scheduler.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.retention.RetentionCandidate;
import io.arca.retention.RetentionEvaluator;
import io.arca.retention.RetentionPolicy;
import io.arca.retention.RetentionPolicyJson;
import io.arca.retention.RetentionScope;
import io.arca.retention.ScopeBackup;
import io.arca.retention.ScopeBackups;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention evaluation of a scope with 10,000 completed backups (docs/benchmarks.md, "Retention evaluation"). Not a
 * test of the suite (the name does not end in Test): run it on its own with
 * {@code deploy/local/arca-local test -pl scheduler-service -am -Dtest=RetentionBenchmark}. Prints medians.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
@TestProfile(RetentionBenchmark.ProductionBatches.class)
class RetentionBenchmark {
    /** The production transaction size (the test profile makes it 20). */
    public static class ProductionBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arca.retention.max-expirations-per-transaction", "500");
        }
    }

    private static final int BACKUPS = 10_000;
    private static final int RUNS = 9;
    /** Evaluations before the measured ones: JIT compilation of the JDBC read and the evaluator. */
    private static final int WARM_UP = 10;
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String GFS = "{\"keepLast\": 24, \"keepDaily\": 7, \"keepWeekly\": 4, \"keepMonthly\": 12, "
            + "\"keepYearly\": 3}";

    @Inject
    ScopeEvaluation evaluation;
    @Inject
    AgroalDataSource db;

    /** A schedule with 10,000 completed backups, hourly back from an hour before NOW (about 14 months). */
    private UUID scopeWithBackups(RetentionRows rows, String policy) throws Exception {
        UUID schedule = rows.schedule(policy, "Europe/Berlin");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("insert into backups (id, "
                + "tenant_id, source_id, type, options, state, created_at, started_at, finished_at, schedule_id, "
                + "origin) select gen_random_uuid(), ?, ?, 'full', '{}', 'completed', t, t, t + interval '5 minutes', "
                + "?, 'schedule' from generate_series(cast(? as timestamptz) - make_interval(hours => ?), "
                + "cast(? as timestamptz), interval '1 hour') t")) {
            Timestamp newest = Timestamp.from(NOW.minusSeconds(3600));
            ps.setObject(1, rows.rows.tenantId);
            ps.setObject(2, rows.rows.sourceId);
            ps.setObject(3, schedule);
            ps.setTimestamp(4, newest);
            ps.setInt(5, BACKUPS - 1);
            ps.setTimestamp(6, newest);
            assertThat(ps.executeUpdate()).isEqualTo(BACKUPS);
        }
        try (Connection c = db.getConnection(); var s = c.createStatement()) {
            s.execute("analyze backups");
        }
        return schedule;
    }

    @Test
    void evaluationOfAScopeWith10000Backups() throws Exception {
        RetentionRows rows = new RetentionRows(db);

        // 1. the scheduler's evaluation when nothing expires (every backup kept): query, plan, stamp
        UUID keepAll = scopeWithBackups(rows, "{\"keepLast\": 10000, \"keepDaily\": 7}");
        List<Double> steady = new ArrayList<>();
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            long t0 = System.nanoTime();
            ScopeEvaluation.Outcome o = evaluation.evaluate(new ScopeRef(RetentionScope.Kind.SCHEDULE, keepAll), NOW);
            double ms = (System.nanoTime() - t0) / 1e6;
            assertThat(o.kept()).isEqualTo(BACKUPS);
            if (i >= WARM_UP) {
                steady.add(ms);
            }
        }

        // 2. the evaluator alone, on the same 10,000 candidates, with the GFS policy
        List<RetentionCandidate> candidates;
        try (Connection c = db.getConnection()) {
            RetentionScope scope = RetentionScope.find(c, RetentionScope.Kind.SCHEDULE, keepAll).orElseThrow();
            candidates = ScopeBackups.load(c, scope).stream().filter(ScopeBackup::candidate)
                    .map(b -> new RetentionCandidate(b.id(), b.time(), b.pinned())).toList();
        }
        RetentionPolicy gfs = RetentionPolicyJson.read(GFS).validated();
        List<Double> alone = new ArrayList<>();
        for (int i = 0; i < WARM_UP * 3 + RUNS * 3; i++) {
            long t0 = System.nanoTime();
            int kept = (int) RetentionEvaluator.evaluate(gfs, ZoneId.of("Europe/Berlin"), NOW, candidates).stream()
                    .filter(v -> v.keep()).count();
            double ms = (System.nanoTime() - t0) / 1e6;
            assertThat(kept).isBetween(40, 50);
            if (i >= WARM_UP * 3) {
                alone.add(ms);
            }
        }

        // 3. the first evaluation of a GFS policy over 10,000 backups: expires all but ~45 (one delete job, one
        //    command and two events each) in transactions of 500, as the sweep does; each run on a fresh scope
        List<Double> first = new ArrayList<>();
        int expired = 0;
        for (int i = 0; i < 3; i++) {
            UUID schedule = scopeWithBackups(rows, GFS);
            long t0 = System.nanoTime();
            ScopeEvaluation.Outcome o;
            expired = 0;
            do {
                o = evaluation.evaluate(new ScopeRef(RetentionScope.Kind.SCHEDULE, schedule), NOW);
                expired += o.expired();
            } while (o.more());
            first.add((System.nanoTime() - t0) / 1e6);
        }

        System.out.printf("RETENTION-BENCH scheduler evaluation, 10000 live backups, nothing expires: median %.1f ms "
                + "of %s%n", median(steady), steady);
        System.out.printf("RETENTION-BENCH evaluator alone (GFS, 10000 candidates): median %.2f ms of %s%n",
                median(alone), alone);
        System.out.printf("RETENTION-BENCH first GFS evaluation expiring %d of 10000: median %.0f ms of %s%n",
                expired, median(first), first);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
