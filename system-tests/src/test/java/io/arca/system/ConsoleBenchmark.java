package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's page cost (docs/benchmarks.md, "Web console"): one tenant with 200 sources and 10,000 backups (plus
 * one real backup), signed in like a browser; then each page's time on loopback (median and p95 of N warm requests
 * after 50 untimed ones), the API process's CPU per request, and the bytes of the page (assets are cached by the
 * browser after the first page: their bytes are reported once). Run by {@code bench/console-benchmark.sh}; writes
 * system-tests/target/console-benchmark.md.
 */
class ConsoleBenchmark {
    private static final int SOURCES = 200;
    private static final int BACKUPS_PER_SOURCE = 50;
    private static final int WARM_UP = 50;
    private static final int REQUESTS = Integer.getInteger("arca.bench.requests", 200);
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("arca_session=([^;]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static ArcaSystem arca;
    private final StringBuilder report = new StringBuilder();

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
    }

    @Test
    void pages() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ArcaClient admin = arca.client().createTenant("bench-console-" + run);
        UUID real = admin.createSource(arca.env, arca.sources.sample());
        admin.backupAndAwait(real, ArcaClient.ZSTD_ENCRYPTED, Duration.ofMinutes(4));
        String tenant = arca.catalogText("select tenant_id::text from sources where id = ?", real);
        syntheticCatalog(tenant);
        String oneSource = arca.catalogText("select id::text from sources where tenant_id = ?::uuid and name = 'db-7'",
                tenant);
        // the real backup: its tables come from the contents the worker recorded
        String oneBackup = arca.catalogText("select id::text from backups where source_id = ? "
                + "order by created_at desc limit 1", real);
        String cookie = signIn(admin.key());

        report.append("Catalog: one tenant with ").append(SOURCES + 1).append(" sources and ")
                .append(arca.catalogText("select count(*) from backups where tenant_id = ?::uuid", tenant))
                .append(" backups (").append(BACKUPS_PER_SOURCE).append(" per synthetic source, 100 daily schedules, ")
                .append("2% failed); ").append(REQUESTS).append(" timed requests per page after 50 untimed ones, "
                        + "one after another, on loopback.\n\n");
        report.append("| page | status | bytes (HTML) | median | p95 | API CPU per request |\n|---|---|---|---|---|---|\n");
        page("overview `/console`", "/console", cookie);
        page("overview filtered `?status=ok&q=db-1`", "/console?status=ok&q=db-1", cookie);
        page("backups list `/console/backups`", "/console/backups", cookie);
        page("source (50 backups) `/console/sources/{id}`", "/console/sources/" + oneSource, cookie);
        page("backup (real, its tables listed) `/console/backups/{id}`", "/console/backups/" + oneBackup, cookie);
        page("schedules `/console/schedules`", "/console/schedules", cookie);
        long assets = 0;
        for (String asset : List.of("/console/assets/console.css", "/console/assets/console.js",
                "/console/assets/arca.svg")) {
            assets += get(asset, null).body().length;
        }
        report.append("\nAssets (once, then cached by the browser): ").append(String.format("%,d", assets))
                .append(" bytes (console.css, console.js, arca.svg), uncompressed.\n");
        System.out.println(report);
        Files.writeString(ServiceProcess.repo().resolve("system-tests/target/console-benchmark.md"), report);
    }

    private void syntheticCatalog(String tenant) throws Exception {
        arca.catalogUpdate("insert into sources (id, tenant_id, name, host, port, database_name, username, "
                + "password_sealed, created_at) select gen_random_uuid(), ?::uuid, 'db-' || g, '10.0.0.' || (g % 250), "
                + "5432, 'db_' || g, 'u', '\\x00'::bytea, now() - interval '60 days' from generate_series(1, ?) g",
                tenant, SOURCES);
        String synthetic = "select s.id, row_number() over (order by s.name) as n from sources s "
                + "where s.tenant_id = ?::uuid and s.name like 'db-%'";
        // never due: they only feed the next run and the lateness of the recovery point
        arca.catalogUpdate("insert into schedules (id, tenant_id, source_id, name, backup_options, timing, cron, "
                + "next_run_at) select gen_random_uuid(), ?::uuid, x.id, 'daily-' || x.n, '{}', "
                + "'{\"cron\": \"0 2 * * *\"}', '0 2 * * *', now() + interval '10 years' from (" + synthetic + ") x "
                + "where x.n % 2 = 0", tenant, tenant);
        arca.catalogUpdate("insert into backups (id, tenant_id, source_id, type, options, state, logical_size, "
                + "stored_size, new_bytes, error, created_at, started_at, finished_at) select gen_random_uuid(), "
                + "?::uuid, x.id, 'full', '{}', case when b % 50 = 7 then 'failed' else 'completed' end, "
                + "100000000 + x.n * 1000 + b, 40000000 + b * 1000, case when b = " + BACKUPS_PER_SOURCE
                + " then 40000000 else 400000 + b end, case when b % 50 = 7 then 'SOURCE_UNREACHABLE: connection "
                + "refused' end, now() - b * interval '1 day' - x.n * interval '1 minute', now() - b * interval "
                + "'1 day', now() - b * interval '1 day' + interval '5 minutes' from (" + synthetic + ") x, "
                + "generate_series(1, ?) b", tenant, tenant, BACKUPS_PER_SOURCE);
        arca.catalogUpdate("analyze");
    }

    private static String signIn(String key) throws Exception {
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(arca.apiBaseUrl()
                + "/console/sign-in")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = FORM_TOKEN.matcher(form.body());
        assertThat(token.find()).isTrue();
        String body = "apiKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1);
        HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(arca.apiBaseUrl()
                        + "/console/sign-in")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "arca_sign_in=" + token.group(1))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        Matcher session = SESSION.matcher(String.join(";", signedIn.headers().allValues("set-cookie")));
        assertThat(session.find()).isTrue();
        return session.group(1);
    }

    private static HttpResponse<byte[]> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(arca.apiBaseUrl() + path));
        if (cookie != null) {
            request.header("Cookie", "arca_session=" + cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void page(String name, String path, String cookie) throws Exception {
        int status = get(path, cookie).statusCode();
        if (status != 200) {
            report.append("| ").append(name).append(" | ").append(status).append(" | | | | |\n");
            return;
        }
        for (int i = 0; i < WARM_UP; i++) {
            get(path, cookie);
        }
        List<Double> millis = new ArrayList<>();
        long bytes = 0;
        long cpuBefore = arca.api().cpuTicks();
        for (int i = 0; i < REQUESTS; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> response = get(path, cookie);
            millis.add((System.nanoTime() - started) / 1e6);
            assertThat(response.statusCode()).isEqualTo(200);
            bytes = response.body().length;
        }
        double cpuMillis = (arca.api().cpuTicks() - cpuBefore) * 10.0 / REQUESTS;
        Collections.sort(millis);
        report.append(String.format("| %s | 200 | %,d | %.1f ms | %.1f ms | %.1f ms |%n", name, bytes,
                millis.get(REQUESTS / 2), millis.get((int) Math.ceil(REQUESTS * 0.95) - 1), cpuMillis));
    }
}
