package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.system.PrometheusText.Sample;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics of docs/operations.md after a real backup and restore, read from the scraped {@code /q/metrics} text of
 * the three services: the worker's counters move by exactly what the API reports for the backup, the scheduler's
 * per-source gauges follow the source from "never backed up" to "just backed up", the consumer lag returns to 0, and
 * no series is labelled with a backup or job id.
 */
class MetricsSystemTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    /** The scheduler refreshes every 2 s here (ArcaSystem), the worker's lag every 15 s: well within this. */
    private static final Duration GAUGES = Duration.ofSeconds(90);
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final long TWO_DAYS = Duration.ofDays(2).toSeconds();
    private static ArcaSystem arca;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
    }

    @Test
    void backupAndRestoreMoveTheMetricsByWhatTheApiReports() throws Exception {
        String tenant = "metrics-" + arca.runId;
        ArcaClient api = arca.client().createTenant(tenant);
        String database = arca.sources.sample();
        UUID source = api.createSource(arca.env, database);
        // a source created two days ago that never had a backup: its ages count from its creation
        arca.catalogUpdate("update sources set created_at = now() - interval '2 days' where id = ?", source);
        Sample neverBackedUp = awaitSource("arca_source_last_success_age_seconds", tenant, database,
                s -> s.value() >= TWO_DAYS);
        assertThat(neverBackedUp.value()).isBetween((double) TWO_DAYS, TWO_DAYS + 600.0);
        PrometheusText scheduler = scrape(arca.scheduler());
        assertThat(scheduler.one("arca_source_last_restorable_age_seconds", "tenant", tenant, "source", database)
                .value()).isGreaterThanOrEqualTo(TWO_DAYS);
        assertThat(scheduler.one("arca_source_last_backup_bytes", "tenant", tenant, "source", database).value())
                .isZero();
        // no schedule: nothing says how often it should be backed up, so never late; no drill policy: never overdue
        assertThat(scheduler.one("arca_source_backup_late", "tenant", tenant, "source", database).value()).isZero();
        assertThat(scheduler.one("arca_source_drill_overdue", "tenant", tenant, "source", database).value()).isZero();
        assertThat(scheduler.one("arca_sources").value()).isGreaterThanOrEqualTo(1);
        assertThat(scheduler.one("arca_source_series_folded").value()).isZero();

        PrometheusText workerBefore = scrape(arca.worker());
        UUID backupId = api.requestBackup(source, ArcaClient.ZSTD_ENCRYPTED);
        JsonPath backup = api.awaitBackupCompleted(backupId, WAIT);
        long storedSize = backup.getLong("result.storedSize");
        PrometheusText worker = scrape(arca.worker());

        assertThat(delta(worker, workerBefore, "arca_backup_bytes_stored_total")).isEqualTo(storedSize);
        assertThat(delta(worker, workerBefore, "arca_backup_bytes_new_total"))
                .isEqualTo(backup.getLong("result.newBytes"));
        assertThat(delta(worker, workerBefore, "arca_backup_bytes_read_total"))
                .isEqualTo(backup.getLong("progress.bytesRead")).isPositive();
        long chunksNew = backup.getLong("progress.chunksNew");
        long chunksReused = backup.getLong("progress.chunksReused");
        assertThat(delta(worker, workerBefore, "arca_backup_chunks_total", "result", "new")).isEqualTo(chunksNew)
                .isPositive();
        assertThat(delta(worker, workerBefore, "arca_backup_chunks_total", "result", "reused")).isEqualTo(chunksReused);
        assertThat(delta(worker, workerBefore, "arca_backup_dedup_ratio_count")).isEqualTo(1);
        assertThat(delta(worker, workerBefore, "arca_jobs_finished_total", "kind", "backup", "outcome", "completed"))
                .isEqualTo(1);
        assertDurationHistogram(worker, workerBefore);
        assertThat(worker.one("arca_worker_job_slots").value()).isPositive();
        assertThat(worker.one("arca_jobs_running", "kind", "backup").value()).isZero();
        assertThat(delta(worker, workerBefore, "arca_objectstore_requests_total", "operation", "put", "outcome", "ok"))
                .as("chunks and the manifest were uploaded").isGreaterThanOrEqualTo(chunksNew + 1);

        // the scheduler follows: age near zero, bytes of this backup, the tenant's stored bytes are its chunks
        awaitSource("arca_source_last_success_age_seconds", tenant, database, s -> s.value() < 120);
        scheduler = awaitScheduler(t -> t.sum("arca_source_last_backup_bytes", "tenant", tenant) == storedSize
                && t.sum("arca_storage_stored_bytes", "tenant", tenant) == storedSize);
        assertThat(scheduler.one("arca_storage_stored_bytes", "tenant", tenant).value())
                .as("one first backup in a new tenant: its distinct chunks are the tenant's chunks").isEqualTo(storedSize);

        UUID restoreId = api.requestRestore(backupId, source, arca.sources.freshName(database + "_r"));
        api.awaitRestoreCompleted(restoreId, WAIT);
        PrometheusText afterRestore = scrape(arca.worker());
        assertThat(delta(afterRestore, worker, "arca_restore_bytes_total")).isPositive();
        assertThat(delta(afterRestore, worker, "arca_restore_throughput_bytes_per_second_count")).isEqualTo(1);
        assertThat(delta(afterRestore, worker, "arca_objectstore_requests_total", "operation", "get", "outcome", "ok"))
                .isPositive();

        // the job topic's lag is exported for the worker group and returns to 0 once the worker is idle
        Sample lag = awaitLag(s -> s.value() == 0);
        assertThat(lag.label("group")).isEqualTo("arca-workers");
        assertThat(lag.value()).isZero();

        PrometheusText apiText = scrape(arca.api());
        assertThat(apiText.matching("arca_objectstore_requests_total", "operation", "get")).isNotEmpty();
        for (PrometheusText text : List.of(scrape(arca.worker()), scrape(arca.scheduler()), apiText)) {
            assertNoIdLabels(text, backupId, restoreId);
        }
        arca.sources.drop(database);
    }

    private static void assertDurationHistogram(PrometheusText worker, PrometheusText before) {
        List<Sample> buckets = worker.matching("arca_jobs_duration_seconds_bucket", "kind", "backup",
                "outcome", "completed");
        assertThat(buckets).extracting(s -> s.label("le")).contains("1.0", "60.0", "3600.0", "21600.0", "+Inf");
        assertThat(delta(worker, before, "arca_jobs_duration_seconds_count", "kind", "backup", "outcome", "completed"))
                .isEqualTo(1);
        assertThat(worker.one("arca_jobs_duration_seconds_bucket", "kind", "backup", "outcome", "completed",
                "le", "+Inf").value()).isEqualTo(worker.one("arca_jobs_duration_seconds_count", "kind", "backup",
                "outcome", "completed").value());
    }

    /** Labels are bounded: no arca_* series names a backup or a job, or carries any UUID. */
    private static void assertNoIdLabels(PrometheusText text, UUID... ids) {
        for (Sample s : text.samples()) {
            for (String value : s.labels().values()) {
                for (UUID id : ids) {
                    assertThat(value).as("label of %s", s).doesNotContain(id.toString());
                }
                if (s.name().startsWith("arca_")) {
                    assertThat(UUID_TEXT.matcher(value).find()).as("UUID in a label of %s", s).isFalse();
                }
            }
        }
    }

    private static long delta(PrometheusText after, PrometheusText before, String name, String... labels) {
        return Math.round(after.sum(name, labels) - before.sum(name, labels));
    }

    private static PrometheusText scrape(ServiceProcess service) throws Exception {
        return PrometheusText.scrape(service.baseUrl());
    }

    private static Sample awaitSource(String name, String tenant, String source, Predicate<Sample> condition)
            throws Exception {
        PrometheusText text = awaitScheduler(t -> t.matching(name, "tenant", tenant, "source", source).stream()
                .anyMatch(condition));
        return text.one(name, "tenant", tenant, "source", source);
    }

    private static PrometheusText awaitScheduler(Predicate<PrometheusText> condition) throws Exception {
        long deadline = System.nanoTime() + GAUGES.toNanos();
        PrometheusText text = scrape(arca.scheduler());
        while (!condition.test(text) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            text = scrape(arca.scheduler());
        }
        assertThat(condition.test(text)).as("scheduler metrics after %s:%n%s", GAUGES, text.samples().stream()
                .filter(s -> s.name().startsWith("arca_source") || s.name().startsWith("arca_storage"))
                .toList()).isTrue();
        return text;
    }

    private static Sample awaitLag(Predicate<Sample> condition) throws Exception {
        long deadline = System.nanoTime() + GAUGES.toNanos();
        List<Sample> lag = List.of();
        while (System.nanoTime() < deadline) {
            lag = scrape(arca.worker()).all("arca_kafka_consumer_lag").stream()
                    .filter(s -> s.label("topic").endsWith("backup.jobs")).toList();
            if (lag.size() == 1 && condition.test(lag.get(0))) {
                return lag.get(0);
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("arca_kafka_consumer_lag of the job topic after " + GAUGES + ": " + lag);
    }
}
