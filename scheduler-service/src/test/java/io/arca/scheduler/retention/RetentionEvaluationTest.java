package io.arca.scheduler.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.retention.RetentionPlan;
import io.arca.retention.RetentionPlanner;
import io.arca.retention.RetentionScope;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class RetentionEvaluationTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String GFS = "{\"keepLast\": 2, \"keepDaily\": 4, \"keepWeekly\": 2}";

    @Inject
    RetentionSweeper sweeper;
    @Inject
    ScopeEvaluation evaluation;
    @Inject
    AgroalDataSource db;

    private RetentionPlan preview(RetentionScope.Kind kind, UUID id) throws Exception {
        try (Connection c = db.getConnection()) {
            return RetentionPlanner.plan(c, RetentionScope.find(c, kind, id).orElseThrow(), NOW);
        }
    }

    private static Set<String> deleteSet(RetentionPlan plan) {
        return plan.toDelete().stream().map(e -> e.backup().id().toString()).collect(Collectors.toSet());
    }

    @Test
    void marksExactlyThePreviewsDeleteSetWithOneJobCommandAndEventEachAndOnlyOnce() throws Exception {
        RetentionRows r = new RetentionRows(db);
        UUID schedule = r.schedule(GFS, "Europe/Berlin");
        List<UUID> completed = r.completed(schedule, NOW.minusSeconds(3600), 40, 6);
        UUID pinnedOld = r.backup(schedule, "completed", NOW.minusSeconds(86_400L * 60), true, false);
        UUID corrupted = r.backup(schedule, "completed", NOW.minusSeconds(86_400L * 50), false, true);
        UUID failed = r.backup(schedule, "failed", NOW.minusSeconds(86_400L * 40), false, false);
        UUID running = r.backup(schedule, "running", NOW.minusSeconds(600), false, false);
        UUID otherSchedulesBackup = r.backup(r.schedule("{\"keepLast\": 50}", "UTC"), "completed",
                NOW.minusSeconds(86_400L * 30), false, false);
        UUID unscheduled = r.backup(null, "completed", NOW.minusSeconds(86_400L * 30), false, false);

        RetentionPlan plan = preview(RetentionScope.Kind.SCHEDULE, schedule);
        Set<String> toDelete = deleteSet(plan);
        // 40 backups over 10 days: 2 last, 4 daily (one is also a last), 2 weekly (one also daily) -> 5 kept, 35 go
        assertThat(plan.count(RetentionPlan.Action.KEEP)).as("5 by rules, pinned, corrupted, running").isEqualTo(8);
        assertThat(toDelete).hasSize(35).doesNotContain(pinnedOld.toString(), corrupted.toString(),
                failed.toString(), running.toString());
        assertThat(toDelete).doesNotContain(completed.get(0).toString(), completed.get(1).toString());

        ScopeRef scope = new ScopeRef(RetentionScope.Kind.SCHEDULE, schedule);
        ScopeEvaluation.Outcome first = evaluation.evaluate(scope, NOW);

        assertThat(first.expired()).as("at most 20 per transaction in tests").isEqualTo(20);
        assertThat(first.more()).isTrue();
        List<String> oldestFirst = plan.toDelete().reversed().stream().map(e -> e.backup().id().toString()).toList();
        assertThat(Set.copyOf(r.ids("select id from backups where tenant_id = ? and lifecycle = 'expiring'",
                r.rows.tenantId))).as("the oldest first").isEqualTo(Set.copyOf(oldestFirst.subList(0, 20)));
        assertThat(deleteSet(preview(RetentionScope.Kind.SCHEDULE, schedule))).as("the rest: the same plan")
                .isEqualTo(Set.copyOf(oldestFirst.subList(20, 35)));

        ScopeEvaluation.Outcome rest = evaluation.evaluate(scope, NOW);

        assertThat(rest.expired()).isEqualTo(15);
        assertThat(rest.more()).isFalse();
        assertThat(Set.copyOf(r.ids("select id from backups where tenant_id = ? and lifecycle = 'expiring' "
                + "and deletion_reason = 'retention' and deletion_requested_at = ?", r.rows.tenantId, NOW
                .atOffset(ZoneOffset.UTC)))).isEqualTo(toDelete);
        assertThat(r.rows.text("select deletion_detail from backups where id = ?", UUID.fromString(
                toDelete.iterator().next()))).startsWith("retention of schedule " + schedule
                + " (keepLast 2, keepDaily 4, keepWeekly 2; zone Europe/Berlin)").contains("kept by no rule");
        assertThat(Set.copyOf(r.ids("select backup_id from backup_deletions where tenant_id = ? and reason = "
                + "'retention' and state = 'pending'", r.rows.tenantId))).isEqualTo(toDelete);
        assertThat(r.ids("select payload->>'jobId' from outbox where stream = 'jobs' and payload->>'kind' = 'delete' "
                + "and payload->>'tenantId' = ?", r.rows.tenantId.toString())).hasSize(35);
        assertThat(Set.copyOf(r.ids("select message_key from outbox where stream = 'events' and payload->>'type' = "
                + "'backup.expiring' and payload->>'tenantId' = ?", r.rows.tenantId.toString()))).isEqualTo(toDelete);
        assertThat(r.ids("select payload->'data'->>'scheduleId' || '/' || (payload->'data'->>'reason') || '/' || "
                + "(payload->'data'->>'rules') from outbox where payload->>'type' = 'backup.expiring' and "
                + "payload->>'tenantId' = ?", r.rows.tenantId.toString()))
                .containsOnly(schedule + "/retention/keepLast 2, keepDaily 4, keepWeekly 2");
        assertThat(r.rows.text("select lifecycle from backups where id = ?", otherSchedulesBackup)).isEqualTo("live");
        assertThat(r.rows.text("select lifecycle from backups where id = ?", unscheduled)).isEqualTo("live");
        assertThat(r.rows.text("select retention_checked_at = ? from schedules where id = ?",
                NOW.atOffset(ZoneOffset.UTC), schedule)).isEqualTo("t");

        ScopeEvaluation.Outcome second = evaluation.evaluate(scope, NOW.plusSeconds(60));

        assertThat(second.expired()).as("idempotent").isZero();
        assertThat(r.rows.count("select count(*) from backup_deletions where tenant_id = ?", r.rows.tenantId))
                .isEqualTo(35);
        assertThat(r.rows.count("select count(*) from outbox where payload->>'tenantId' = ?",
                r.rows.tenantId.toString())).as("command, delete.requested, backup.expiring per backup")
                .isEqualTo(3 * 35);
        assertThat(deleteSet(preview(RetentionScope.Kind.SCHEDULE, schedule))).as("the expiring are not live")
                .isEmpty();
    }

    @Test
    void twoEvaluatorsAtOnceRecordOneDeleteJobPerBackup() throws Exception {
        RetentionRows r = new RetentionRows(db);
        UUID schedule = r.schedule("{\"keepLast\": 3}", "UTC");
        r.completed(schedule, NOW.minusSeconds(3600), 60, 1);
        ScopeRef scope = new ScopeRef(RetentionScope.Kind.SCHEDULE, schedule);

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> evaluator = () -> {
                start.await();
                int expired = 0;
                for (int round = 0; round < 10; round++) {
                    expired += evaluation.evaluate(scope, NOW).expired();
                }
                return expired;
            };
            List<Future<Integer>> runs = List.of(pool.submit(evaluator), pool.submit(evaluator));
            assertThat(runs.get(0).get() + runs.get(1).get()).isEqualTo(57);
        } finally {
            pool.shutdownNow();
        }

        assertThat(r.rows.count("select count(*) from backup_deletions where tenant_id = ?", r.rows.tenantId))
                .isEqualTo(57);
        assertThat(r.rows.count("select count(distinct backup_id) from backup_deletions where tenant_id = ?",
                r.rows.tenantId)).isEqualTo(57);
        assertThat(r.rows.count("select count(*) from outbox where payload->>'type' = 'backup.expiring' "
                + "and payload->>'tenantId' = ?", r.rows.tenantId.toString())).isEqualTo(57);
    }

    @Test
    void sourceDefaultPolicyGovernsOnlyTheBackupsNoScheduleMade() throws Exception {
        RetentionRows r = new RetentionRows(db);
        r.sourcePolicy("{\"keepLast\": 1}");
        UUID schedule = r.schedule(null, "UTC");
        List<UUID> unscheduled = r.completed(null, NOW.minusSeconds(3600), 3, 24);
        List<UUID> scheduled = r.completed(schedule, NOW.minusSeconds(7200), 3, 24);

        sweeper.sweepAll(NOW);

        assertThat(r.ids("select id from backups where tenant_id = ? and lifecycle = 'expiring' order by "
                + "started_at desc", r.rows.tenantId))
                .containsExactly(unscheduled.get(1).toString(), unscheduled.get(2).toString());
        assertThat(scheduled).allSatisfy(id -> assertThat(r.rows.text("select lifecycle from backups where id = ?",
                id)).as("a schedule without a policy keeps its backups").isEqualTo("live"));
        assertThat(r.rows.text("select payload->'data'->>'scheduleId' is null from outbox where payload->>'type' = "
                + "'backup.expiring' and message_key = ?", unscheduled.get(1).toString())).isEqualTo("t");
    }

    /**
     * Safety backups (a restore target's objects, taken before a restore overwrote them) are in no retention scope:
     * the newest backup of the source is a safety backup, yet keepLast 1 keeps the newest ordinary one, and neither
     * safety backup expires, however old.
     */
    @Test
    void safetyBackupsAreNeitherCountedNorExpiredBySourceRetention() throws Exception {
        RetentionRows r = new RetentionRows(db);
        r.sourcePolicy("{\"keepLast\": 1}");
        List<UUID> ordinary = r.completed(null, NOW.minusSeconds(7200), 2, 24);
        UUID newestSafety = r.backup(null, "completed", NOW.minusSeconds(600), false, false);
        UUID oldSafety = r.backup(null, "completed", NOW.minusSeconds(86_400L * 90), false, false);
        r.rows.exec("update backups set origin = 'safety', database_name = 'restore_target' where id in (?, ?)",
                newestSafety, oldSafety);

        sweeper.sweepAll(NOW);

        assertThat(r.ids("select id from backups where tenant_id = ? and lifecycle = 'expiring'", r.rows.tenantId))
                .as("only the older ordinary backup").containsExactly(ordinary.get(1).toString());
        assertThat(r.rows.text("select lifecycle from backups where id = ?", ordinary.get(0)))
                .as("the newest ordinary backup is the one keepLast keeps").isEqualTo("live");
        assertThat(r.rows.text("select string_agg(lifecycle, ',') from backups where id in (?, ?)", newestSafety,
                oldSafety)).isEqualTo("live,live");
    }

    @Test
    void recheckEvaluatesOnlyScopesWithABackupFinishedSinceTheirLastEvaluation() throws Exception {
        RetentionRows r = new RetentionRows(db);
        UUID quiet = r.schedule("{\"keepLast\": 1}", "UTC");
        UUID busy = r.schedule("{\"keepLast\": 1}", "UTC");
        Instant checked = NOW.minusSeconds(3600);
        r.backup(quiet, "completed", checked.minusSeconds(7200), false, false);
        r.backup(quiet, "completed", checked.minusSeconds(3 * 3600), false, false);
        r.backup(busy, "completed", checked.minusSeconds(7200), false, false);
        r.rows.exec("update schedules set retention_checked_at = ? where id in (?, ?)",
                checked.atOffset(ZoneOffset.UTC), quiet, busy);
        // finishes 10 minutes after it starts: after the last check
        UUID fresh = r.backup(busy, "completed", checked.minusSeconds(60), false, false);

        sweeper.sweepChanged(NOW);

        assertThat(r.rows.count("select count(*) from backups where schedule_id = ? and lifecycle = 'expiring'",
                busy)).isEqualTo(1);
        assertThat(r.rows.text("select lifecycle from backups where id = ?", fresh)).isEqualTo("live");
        assertThat(r.rows.count("select count(*) from backups where schedule_id = ? and lifecycle = 'expiring'",
                quiet)).as("nothing finished since its last check: not evaluated").isZero();

        sweeper.sweepAll(NOW);

        assertThat(r.rows.count("select count(*) from backups where schedule_id = ? and lifecycle = 'expiring'",
                quiet)).as("the periodic sweep evaluates every scope").isEqualTo(1);
    }

    @Test
    void failedAndCancelledBackupsOlderThanTheMaxAgeGetFailedCleanupJobs() throws Exception {
        RetentionRows r = new RetentionRows(db);
        // finished ten minutes after these start times; the default maximum age is P7D
        UUID failedOld = r.backup(null, "failed", NOW.minusSeconds(86_400L * 8), false, false);
        UUID cancelledOld = r.backup(null, "cancelled", NOW.minusSeconds(86_400L * 30), false, false);
        UUID failedYoung = r.backup(null, "failed", NOW.minusSeconds(86_400L * 6), false, false);
        UUID failedPinned = r.backup(null, "failed", NOW.minusSeconds(86_400L * 30), true, false);
        UUID completedOld = r.backup(null, "completed", NOW.minusSeconds(86_400L * 30), false, false);

        sweeper.cleanFailed(NOW);
        sweeper.cleanFailed(NOW);

        assertThat(Set.copyOf(r.ids("select backup_id || '/' || reason || '/' || state from backup_deletions "
                + "where tenant_id = ?", r.rows.tenantId)))
                .containsExactlyInAnyOrder(failedOld + "/failed-cleanup/pending", cancelledOld
                        + "/failed-cleanup/pending");
        assertThat(r.rows.text("select lifecycle || '/' || deletion_reason from backups where id = ?", failedOld))
                .isEqualTo("expiring/failed-cleanup");
        assertThat(r.rows.text("select payload->>'state' || '/' || (payload->'data'->>'reason') from outbox where "
                + "payload->>'type' = 'backup.expiring' and message_key = ?", cancelledOld.toString()))
                .isEqualTo("cancelled/failed-cleanup");
        for (UUID kept : List.of(failedYoung, failedPinned, completedOld)) {
            assertThat(r.rows.text("select lifecycle from backups where id = ?", kept)).isEqualTo("live");
        }
    }
}
