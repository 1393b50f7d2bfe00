package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No secret reaches a log: a full backup and restore (plus a source check, and a check with a wrong password) of a
 * source with a distinctive password, then every service's whole log output is searched for that password, the
 * wrong one, the API keys used and the master key. Run once with the plain format and once with JSON logs
 * ({@code QUARKUS_LOG_CONSOLE_JSON_ENABLED=true} on the API and the worker), where every line a job's thread logs
 * must also carry the job's {@code jobId}, {@code jobKind}, {@code tenantId} and {@code attempt} in its MDC.
 */
class LogSecretsSystemTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static ArcaSystem arca;
    private static String role;
    private static final List<String> databases = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
        role = "logsecret_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterAll
    static void dropRole() {
        databases.forEach(arca.sources::drop);
        try {
            arca.sources.execute("postgres", "drop role if exists " + role);
        } catch (Exception e) {
            System.err.println("could not drop role " + role + ": " + e.getMessage());
        }
    }

    @Test
    void plainLogsOfABackupAndRestoreHoldNoSecret() throws Exception {
        Run run = backupAndRestore("plain");
        assertNoSecretIn(run, List.of(arca.api(), arca.worker(), arca.scheduler()));
    }

    @Test
    void jsonLogsCarryTheJobFieldsAndHoldNoSecret() throws Exception {
        Map<String, String> json = Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        try {
            ServiceProcess api = arca.restartApi(json);
            ServiceProcess worker = arca.replaceWorker(json);
            Run run = backupAndRestore("json");
            assertNoSecretIn(run, List.of(api, worker, arca.scheduler()));

            List<JsonNode> records = jsonRecords(worker);
            assertThat(records).as("JSON records in %s", worker.logFile()).isNotEmpty();
            assertJobLinesCarryTheirFields(records, "backup", run.backupId, run.tenantId);
            assertJobLinesCarryTheirFields(records, "restore", run.restoreId, run.tenantId);
            assertThat(jsonRecords(api)).as("the API logs JSON too").isNotEmpty();
        } finally {
            arca.restartApi(Map.of());
            arca.replaceWorker(Map.of());
        }
    }

    /** What one backup and restore used: the secrets to search for and the jobs to look at. */
    private record Run(Map<String, String> secrets, UUID tenantId, UUID backupId, UUID restoreId) {
    }

    private Run backupAndRestore(String label) throws Exception {
        String password = "Pw-" + random(28) + "-" + label;
        String wrongPassword = "Wrong-" + random(28);
        arca.sources.execute("postgres", "do $$ begin if not exists (select from pg_roles where rolname = '" + role
                + "') then create role " + role + " login superuser; end if; end $$");
        arca.sources.execute("postgres", "alter role " + role + " password '" + password + "'");
        String database = arca.sources.demo();

        String tenantName = "logs-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath tenant = arca.client().request().body("{\"name\":\"" + tenantName + "\"}").post("/api/v1/tenants")
                .then().statusCode(201).extract().jsonPath();
        String admin = tenant.getString("adminKey.secret");
        UUID tenantId = UUID.fromString(tenant.getString("tenant.id"));
        ArcaClient asAdmin = new ArcaClient(arca.apiBaseUrl(), admin);
        String operator = asAdmin.request().body("{\"name\":\"ops\",\"role\":\"operator\"}").post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("secret");
        ArcaClient client = new ArcaClient(arca.apiBaseUrl(), operator);

        String source = "{\"name\":\"%s\",\"type\":\"postgresql\",\"host\":\"%s\",\"port\":%d,\"database\":\"%s\","
                + "\"username\":\"%s\",\"password\":\"%s\",\"sslMode\":\"disable\"}";
        UUID sourceId = UUID.fromString(client.request().body(source.formatted("secret-" + label, arca.env.pgHost(),
                arca.env.pgPort(), database, role, password)).post("/api/v1/sources").then().statusCode(201)
                .extract().path("id"));
        client.request().post("/api/v1/sources/" + sourceId + "/check").then().statusCode(200)
                .body("ok", org.hamcrest.Matchers.equalTo(true));

        UUID backupId = client.requestBackup(sourceId, ArcaClient.ZSTD_ENCRYPTED);
        client.awaitBackupCompleted(backupId, WAIT);
        String target = arca.sources.freshName("logsecret_r");
        databases.add(target);
        UUID restoreId = client.requestRestore(backupId, sourceId, target);
        client.awaitRestoreCompleted(restoreId, WAIT);
        databases.add(database);

        // a wrong password in a failed check: the driver's error must not carry it into a log either
        UUID wrong = UUID.fromString(client.request().body(source.formatted("wrong-" + label, arca.env.pgHost(),
                arca.env.pgPort(), database, role, wrongPassword)).post("/api/v1/sources").then().statusCode(201)
                .extract().path("id"));
        client.request().post("/api/v1/sources/" + wrong + "/check").then().statusCode(200)
                .body("reason", org.hamcrest.Matchers.equalTo("auth-failed"));

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("the source password", password);
        secrets.put("a wrong source password", wrongPassword);
        secrets.put("the bootstrap admin key", arca.bootstrapKey);
        secrets.put("the tenant's admin key", admin);
        secrets.put("the tenant's operator key", operator);
        secrets.put("the master key", arca.masterKey());
        return new Run(secrets, tenantId, backupId, restoreId);
    }

    private static void assertNoSecretIn(Run run, List<ServiceProcess> services) throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (ServiceProcess service : services) {
            String log = Files.readString(service.logFile(), StandardCharsets.UTF_8);
            softly.assertThat(log).as("%s is empty", service.logFile()).isNotBlank();
            run.secrets.forEach((what, secret) -> softly.assertThat(log)
                    .as("%s in %s", what, service.logFile()).doesNotContain(secret));
        }
        softly.assertAll();
    }

    /** Every record of the job's own thread names the job; there are some (start and end at least). */
    private static void assertJobLinesCarryTheirFields(List<JsonNode> records, String kind, UUID jobId,
            UUID tenantId) {
        String thread = "job-" + kind + "-" + jobId;
        List<JsonNode> jobLines = records.stream().filter(r -> thread.equals(r.path("threadName").asText())).toList();
        assertThat(jobLines).as("records of thread %s", thread).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode r : jobLines) {
            JsonNode mdc = r.path("mdc");
            assertThat(mdc.path("jobId").asText()).as("jobId of %s", r).isEqualTo(jobId.toString());
            assertThat(mdc.path("jobKind").asText()).as("jobKind of %s", r).isEqualTo(kind);
            assertThat(mdc.path("tenantId").asText()).as("tenantId of %s", r).isEqualTo(tenantId.toString());
            assertThat(mdc.path("attempt").asText()).as("attempt of %s", r).isEqualTo("1");
        }
        // and the lines of other threads that carry the job's id carry all four (threads the job started)
        records.stream().filter(r -> jobId.toString().equals(r.path("mdc").path("jobId").asText()))
                .forEach(r -> assertThat(r.path("mdc").path("jobKind").asText()).as("jobKind of %s", r)
                        .isEqualTo(kind));
    }

    /** The JSON records of a service's log (one object per line; anything before logging starts is skipped). */
    private static List<JsonNode> jsonRecords(ServiceProcess service) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(service.logFile(), StandardCharsets.UTF_8)) {
            if (line.startsWith("{")) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    private static String random(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }
}
