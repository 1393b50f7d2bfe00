package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics endpoint benchmark of docs/benchmarks.md ({@code bench/metrics-benchmark.sh} runs it; its name keeps it
 * out of the test command). A catalog of {@value #TENANTS} tenants x {@value #SOURCES_PER_TENANT} sources, half of
 * them with a daily schedule (a quarter with a weekly drill), {@value #BACKUPS_PER_SOURCE} completed backups each,
 * written straight into the catalog (the metrics read rows, not bytes), and one real backup and restore so the worker
 * has every series. Then: time and size of {@code /q/metrics} of each service over {@code arca.bench.scrapes} scrapes
 * (median, p95), the API's CPU per scrape, and the scheduler's CPU and time per refresh of the source gauges (its own
 * {@code arca_metrics_refresh_*}). Prints a Markdown table and writes it to system-tests/target/metrics-benchmark.md.
 */
class MetricsBenchmark {
    private static final int TENANTS = 10;
    private static final int SOURCES_PER_TENANT = 100;
    private static final int BACKUPS_PER_SOURCE = 3;
    private static final int SCRAPES = Integer.getInteger("arca.bench.scrapes", 200);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ArcaSystem arca;
    private final StringBuilder report = new StringBuilder();

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
    }

    @Test
    void metricsEndpoints() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        realBackupAndRestore(run);
        int sources = syntheticCatalog(run);
        // the scheduler's gauges cover every source once a refresh after the inserts has run
        PrometheusText scheduler = awaitSources(sources);
        int synthetic = TENANTS * SOURCES_PER_TENANT;
        report.append("Catalog: ").append(sources).append(" live sources (").append(synthetic).append(" synthetic in ")
                .append(TENANTS).append(" tenants with ").append(synthetic * BACKUPS_PER_SOURCE)
                .append(" completed backups, ").append(synthetic / 2).append(" daily schedules, ").append(synthetic / 4)
                .append(" with a weekly drill; plus the real one); ")
                .append("arca.metrics.source-series-limit 500 (default): ")
                .append((long) scheduler.one("arca_source_series_folded").value()).append(" sources folded.\n\n");
        report.append("| service | samples | bytes | scrape median | scrape p95 | process CPU per scrape |\n")
                .append("|---|---|---|---|---|---|\n");
        scrapes("scheduler", arca.scheduler());
        scrapes("worker", arca.worker());
        scrapes("api", arca.api());
        refreshCost();
        System.out.println(report);
        Files.writeString(ServiceProcess.repo().resolve("system-tests/target/metrics-benchmark.md"), report);
    }

    private void realBackupAndRestore(String run) throws Exception {
        ArcaClient api = arca.client().createTenant("bench-metrics-" + run);
        String database = arca.sources.sample();
        UUID source = api.createSource(arca.env, database);
        UUID backup = api.requestBackup(source, ArcaClient.ZSTD_ENCRYPTED);
        api.awaitBackupCompleted(backup, Duration.ofMinutes(4));
        UUID restore = api.requestRestore(backup, source, arca.sources.freshName(database + "_r"));
        api.awaitRestoreCompleted(restore, Duration.ofMinutes(4));
    }

    /** Inserts the synthetic tenants, sources, schedules and backups; returns the live sources now in the catalog. */
    private int syntheticCatalog(String run) throws Exception {
        arca.catalogUpdate("insert into tenants (id, name) select gen_random_uuid(), 'bench-' || ? || '-' || g "
                + "from generate_series(1, ?) g", run, TENANTS);
        arca.catalogUpdate("insert into sources (id, tenant_id, name, host, port, database_name, username, "
                + "password_sealed, created_at) select gen_random_uuid(), t.id, 'db-' || g, '127.0.0.1', 5432, "
                + "'db_' || g, 'u', '\\x00'::bytea, now() - interval '30 days' from tenants t, "
                + "generate_series(1, ?) g where t.name like 'bench-' || ? || '-%'", SOURCES_PER_TENANT, run);
        String benchSources = "select s.id, s.tenant_id, row_number() over (order by s.id) as n from sources s "
                + "join tenants t on t.id = s.tenant_id where t.name like 'bench-' || ? || '-%'";
        // never due: the schedules only feed lateness and drills, the scheduler must not fire them
        arca.catalogUpdate("insert into schedules (id, tenant_id, source_id, name, backup_options, timing, cron, "
                + "drill, next_run_at) select gen_random_uuid(), x.tenant_id, x.id, 'daily-' || x.n, '{}', "
                + "'{\"cron\": \"0 2 * * *\"}', '0 2 * * *', case when x.n % 4 = 0 then jsonb_build_object('every', "
                + "'P7D', 'targetSourceId', x.id) end, now() + interval '10 years' from (" + benchSources + ") x "
                + "where x.n % 2 = 0", run);
        arca.catalogUpdate("insert into backups (id, tenant_id, source_id, type, options, state, stored_size, "
                + "created_at, started_at, finished_at) select gen_random_uuid(), x.tenant_id, x.id, 'full', '{}', "
                + "'completed', 1000000 + x.n * 10 + b, now() - b * interval '1 day', now() - b * interval '1 day', "
                + "now() - b * interval '1 day' + interval '5 minutes' from (" + benchSources + ") x, "
                + "generate_series(1, ?) b", run, BACKUPS_PER_SOURCE);
        arca.catalogUpdate("analyze");
        return Integer.parseInt(arca.catalogText("select count(*) from sources where deleted_at is null"));
    }

    private static PrometheusText awaitSources(int sources) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        PrometheusText text = PrometheusText.scrape(arca.scheduler().baseUrl());
        while (text.sum("arca_sources") != sources && System.nanoTime() < deadline) {
            Thread.sleep(500);
            text = PrometheusText.scrape(arca.scheduler().baseUrl());
        }
        assertThat(text.sum("arca_sources")).isEqualTo(sources);
        return text;
    }

    /** {@link #SCRAPES} scrapes one after another (after 20 untimed ones: the JIT); process CPU over the timed ones. */
    private void scrapes(String name, ServiceProcess service) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics")).GET().build();
        for (int i = 0; i < 20; i++) {
            HTTP.send(request, HttpResponse.BodyHandlers.discarding());
        }
        List<Double> millis = new ArrayList<>();
        long bytes = 0;
        long cpuBefore = service.cpuTicks();
        for (int i = 0; i < SCRAPES; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            millis.add((System.nanoTime() - started) / 1e6);
            assertThat(response.statusCode()).isEqualTo(200);
            bytes = response.body().length;
        }
        double cpuMillisPerScrape = (service.cpuTicks() - cpuBefore) * 10.0 / SCRAPES;
        int samples = PrometheusText.scrape(service.baseUrl()).samples().size();
        Collections.sort(millis);
        report.append(String.format("| %s | %d | %,d | %.1f ms | %.1f ms | %.1f ms |%n", name, samples, bytes,
                millis.get(SCRAPES / 2), millis.get((int) Math.ceil(SCRAPES * 0.95) - 1), cpuMillisPerScrape));
    }

    /** The scheduler's own account of its refreshes over a minute, and its whole process CPU meanwhile. */
    private void refreshCost() throws Exception {
        PrometheusText before = PrometheusText.scrape(arca.scheduler().baseUrl());
        long cpuBefore = arca.scheduler().cpuTicks();
        Thread.sleep(60_000);
        long cpuAfter = arca.scheduler().cpuTicks();
        PrometheusText after = PrometheusText.scrape(arca.scheduler().baseUrl());
        double refreshes = after.sum("arca_metrics_refresh_seconds_count") - before.sum("arca_metrics_refresh_seconds_count");
        double seconds = after.sum("arca_metrics_refresh_seconds_sum") - before.sum("arca_metrics_refresh_seconds_sum");
        double cpu = after.sum("arca_metrics_refresh_cpu_seconds_total")
                - before.sum("arca_metrics_refresh_cpu_seconds_total");
        report.append(String.format("%nScheduler, source gauges (refresh every 2 s in this run, 15 s by default): "
                        + "%.0f refreshes in 60 s; per refresh %.1f ms wall (query included) and %.1f ms of the "
                        + "scheduler's CPU; the whole scheduler process used %.2f CPU-seconds in those 60 s "
                        + "(every other timer too).%n", refreshes, seconds * 1000 / refreshes, cpu * 1000 / refreshes,
                (cpuAfter - cpuBefore) / 100.0));
    }
}
