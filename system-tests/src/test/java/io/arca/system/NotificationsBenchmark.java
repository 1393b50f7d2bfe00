package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notifications benchmark of docs/benchmarks.md ({@code bench/notifications-benchmark.sh} runs it; its name keeps it
 * out of the test command). Measures, on the real services: webhook delivery throughput and event-to-delivery delay
 * with one slow receiver among ten; API CPU per event with 200 stream clients; API CPU of 100 front ends long-polling
 * against the same 100 polling 5 times a second. Prints a Markdown table and writes it to
 * system-tests/target/notifications-benchmark.md.
 */
class NotificationsBenchmark {
    private static final int EVENTS = Integer.getInteger("arca.bench.events", 1000);
    private static ArcaSystem arca;
    private final StringBuilder report = new StringBuilder();

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
    }

    @Test
    void notifications() throws Exception {
        report.append("| measurement | value |\n|---|---|\n");
        webhooks();
        streamClients();
        longPollVersusPolling();
        System.out.println(report);
        Files.writeString(ServiceProcess.repo().resolve("system-tests/target/notifications-benchmark.md"), report);
    }

    /** 1,000 events (API keys created, one key.created each) to 10 receivers, one of which takes 2 s per response. */
    private void webhooks() throws Exception {
        String tenant = "bench-hooks-" + UUID.randomUUID().toString().substring(0, 8);
        ArcaClient api = arca.client().createTenant(tenant);
        List<WebhookReceiver> receivers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                WebhookReceiver r = new WebhookReceiver(i == 0 ? Duration.ofSeconds(2) : Duration.ZERO);
                receivers.add(r);
                api.request().body(Map.of("name", "receiver " + i, "kind", "webhook", "url", r.url(),
                        "eventTypes", List.of("key.created"))).post("/api/v1/notification-channels")
                        .then().statusCode(201);
            }
            long started = System.nanoTime();
            long startedMillis = System.currentTimeMillis();
            for (int i = 0; i < EVENTS; i++) {
                api.request().body(Map.of("name", "bench key " + i, "role", "viewer")).post("/api/v1/api-keys")
                        .then().statusCode(201);
            }
            double generateSeconds = (System.nanoTime() - started) / 1e9;
            row("paced: events generated (API keys created one after another)", EVENTS + " in "
                    + fmt(generateSeconds) + " s");
            deliveries("paced", receivers, "bench key ", startedMillis);
            // the same number at once: one transaction puts them all in the outbox (as a burst of job facts would)
            long burstMillis = System.currentTimeMillis();
            arca.catalogUpdate("insert into outbox (stream, message_key, payload, tenant_id) "
                    + "select 'events', x.k::text, jsonb_build_object('version', 1, 'id', gen_random_uuid(), "
                    + "'type', 'key.created', 'time', to_char(clock_timestamp() at time zone 'utc', "
                    + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), 'tenantId', t.id, 'subject', "
                    + "jsonb_build_object('keyId', x.k), 'data', jsonb_build_object('name', 'burst ' || g, "
                    + "'role', 'viewer')), t.id from tenants t, generate_series(1, ?) g, "
                    + "lateral (select gen_random_uuid() as k, g as n) x where t.name = ?", EVENTS, tenant);
            deliveries("burst", receivers, "burst ", burstMillis);
            row("slow receiver (2 s per response): delivered meanwhile", String.valueOf(receivers.get(0).received().size()));
        } finally {
            receivers.forEach(WebhookReceiver::close);
        }
    }

    /** Waits until every healthy receiver has all {@link #EVENTS} events named {@code name*}; reports rate and delays. */
    private void deliveries(String phase, List<WebhookReceiver> receivers, String name, long startedMillis)
            throws Exception {
        List<Long> delays = new ArrayList<>();
        long lastReceipt = 0;
        for (WebhookReceiver r : receivers.subList(1, receivers.size())) {
            List<WebhookReceiver.Received> got = r.await(l -> named(l, name).size() >= EVENTS, Duration.ofMinutes(10));
            assertThat(named(got, name)).as("%s deliveries to a healthy receiver", phase)
                    .hasSizeGreaterThanOrEqualTo(EVENTS);
            for (WebhookReceiver.Received x : named(got, name)) {
                Instant time = Instant.parse(JsonPath.from(x.body()).getString("time"));
                delays.add(x.receivedAtMillis() - time.toEpochMilli());
                lastReceipt = Math.max(lastReceipt, x.receivedAtMillis());
            }
        }
        double spanSeconds = (lastReceipt - startedMillis) / 1000.0;
        delays.sort(Long::compare);
        row(phase + ": healthy deliveries (9 receivers)", delays.size() + " in " + fmt(spanSeconds) + " s = "
                + fmt(delays.size() / spanSeconds) + "/s");
        row(phase + ": event -> delivery delay, healthy receivers: p50 / p99 / max", delays.get(delays.size() / 2)
                + " / " + delays.get((int) (delays.size() * 0.99)) + " / " + delays.get(delays.size() - 1) + " ms");
    }

    private static List<WebhookReceiver.Received> named(List<WebhookReceiver.Received> all, String name) {
        // a plain substring test: the names are distinct, and the check runs every 100 ms while receivers fill
        return all.stream().filter(x -> x.body().contains(name)).toList();
    }

    /** API CPU per event with 200 clients following one tenant, against none. */
    private void streamClients() throws Exception {
        ArcaClient api = arca.client().createTenant("bench-sse-" + UUID.randomUUID().toString().substring(0, 8));
        int events = 200;
        double alone = cpuSecondsWhile(() -> createKeys(api, events, "alone"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                clients.add(SseClient.open(http, arca.apiBaseUrl(), api.key(), "/api/v1/events?types=key.*", null));
            }
            double followed = cpuSecondsWhile(() -> createKeys(api, events, "followed"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long complete = 0;
            while (System.nanoTime() < deadline) {
                complete = clients.stream().filter(c -> c.countSoFar() >= events).count();
                if (complete == clients.size()) {
                    break;
                }
                Thread.sleep(200);
            }
            row("200 stream clients: clients that received all " + events + " events", String.valueOf(complete));
            row("API CPU per event: no stream client / 200 clients", fmt(alone / events * 1000) + " / "
                    + fmt(followed / events * 1000) + " ms (difference " + fmt((followed - alone) / events * 1000)
                    + " ms = " + fmt((followed - alone) / events / 200 * 1e6) + " µs per client per event)");
        } finally {
            for (SseClient c : clients) {
                c.close();
            }
        }
    }

    /** 100 front ends wait 20 s for a backup to reach a state it never reaches: 5 polls/s each against long polls. */
    private void longPollVersusPolling() throws Exception {
        ArcaClient api = arca.client().createTenant("bench-wait-" + UUID.randomUUID().toString().substring(0, 8));
        UUID source = api.createSource(arca.env, arca.sources.sample());
        UUID backup = api.backupAndAwait(source, ArcaClient.ZSTD_ENCRYPTED, Duration.ofMinutes(3)).getUUID("id");
        Duration window = Duration.ofSeconds(20);
        AtomicLong polls = new AtomicLong();
        double polling = cpuSecondsWhile(() -> frontEnds(window, () -> {
            api.request().get("/api/v1/backups/" + backup).then().statusCode(200);
            polls.incrementAndGet();
            Thread.sleep(200);
        }));
        AtomicLong waits = new AtomicLong();
        double longPolling = cpuSecondsWhile(() -> frontEnds(window, () -> {
            api.request().queryParam("waitFor", "cancelled").queryParam("timeout", "30s")
                    .get("/api/v1/backups/" + backup).then().statusCode(200);
            waits.incrementAndGet();
        }));
        row("100 front ends for 20 s, polling 5/s: requests / API CPU", polls.get() + " / " + fmt(polling) + " s");
        row("100 front ends for 20 s, long poll (30 s): requests / API CPU", waits.get() + " / " + fmt(longPolling)
                + " s");
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action} on 100 virtual threads, each repeating it until {@code window} has passed. */
    private static void frontEnds(Duration window, Action action) throws Exception {
        long end = System.nanoTime() + window.toNanos();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                executor.submit(() -> {
                    while (System.nanoTime() < end) {
                        action.run();
                    }
                    return null;
                });
            }
        }
    }

    private static void createKeys(ArcaClient api, int count, String label) {
        for (int i = 0; i < count; i++) {
            api.request().body(Map.of("name", label + " " + i, "role", "viewer")).post("/api/v1/api-keys")
                    .then().statusCode(201);
        }
    }

    /** CPU seconds (user + system) api-service spent while {@code action} ran. */
    private static double cpuSecondsWhile(Action action) throws Exception {
        long before = cpuTicks(arca.api().pid());
        action.run();
        Thread.sleep(1000); // the last events' fan-out
        return (cpuTicks(arca.api().pid()) - before) / 100.0;
    }

    /** utime + stime of a process, in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private void row(String what, String value) {
        report.append("| ").append(what).append(" | ").append(value).append(" |\n");
    }

    private static String fmt(double v) {
        return String.format("%.2f", v);
    }
}
