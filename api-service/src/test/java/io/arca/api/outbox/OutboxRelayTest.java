package io.arca.api.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The relay puts job messages and events on the real topics, and survives a real broker outage. */
@QuarkusTest
class OutboxRelayTest extends ApiTest {

    @Test
    void jobMessageAndEventReachTheirTopics() throws Exception {
        TenantKeys tenant = newTenant();
        String sourceId = createSource(tenant.operator(), "shop");
        String backupId = as(tenant.operator()).body(backupRequest(sourceId)).post("/api/v1/backups")
                .then().statusCode(202).extract().path("id");

        List<TopicReader.Message> jobs = TopicReader.readUntil(TopicReader.topic("backup.jobs"),
                read -> read.stream().anyMatch(m -> backupId.equals(m.value().path("jobId").asText())),
                Duration.ofSeconds(30));
        TopicReader.Message job = jobs.stream().filter(m -> backupId.equals(m.value().path("jobId").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no job message for " + backupId));
        assertThat(job.key()).isEqualTo(sourceId);
        assertThat(job.value().path("version").asInt()).isEqualTo(1);
        assertThat(job.value().path("kind").asText()).isEqualTo("backup");
        assertThat(job.value().path("tenantId").asText()).isEqualTo(tenant.tenantId().toString());
        assertThat(job.value().path("sourceId").asText()).isEqualTo(sourceId);
        assertThat(job.value().path("attempt").asInt()).isEqualTo(1);
        assertThat(UUID.fromString(job.value().path("messageId").asText())).isNotNull();

        List<TopicReader.Message> events = TopicReader.readUntil(TopicReader.topic("backup.events"),
                read -> read.stream().anyMatch(m -> backupId.equals(m.key())), Duration.ofSeconds(30));
        assertThat(events).anySatisfy(m -> {
            assertThat(m.key()).isEqualTo(backupId);
            assertThat(m.value().path("type").asText()).isEqualTo("backup.requested");
        });
        awaitAllPublished(Duration.ofSeconds(10));
    }

    @Test
    void requestsAreAcceptedWhileKafkaIsDownAndPublishedWhenItReturns() throws Exception {
        String script = System.getenv("ARCA_LOCAL_SCRIPT");
        Assumptions.assumeTrue(script != null && !script.isBlank(),
                "ARCA_LOCAL_SCRIPT is not set: run with deploy/local/arca-local test to stop and start the broker");
        TenantKeys tenant = newTenant();
        String sourceA = createSource(tenant.operator(), "a");
        String sourceB = createSource(tenant.operator(), "b");
        awaitAllPublished(Duration.ofSeconds(20));

        List<String> ids = new ArrayList<>();
        run(script, "infra", "stop", "kafka");
        try {
            // Kafka is a wellness check of the API: not well, but still ready (the outbox takes the requests)
            awaitStatus("/q/health/well", 503);
            given().get("/q/health/ready").then().statusCode(200);
            for (int i = 0; i < 6; i++) {
                String source = i % 2 == 0 ? sourceA : sourceB;
                String key = "outage-" + tenant.tenantId() + "-" + i;
                String id = as(tenant.operator()).header("Idempotency-Key", key).body(backupRequest(source))
                        .post("/api/v1/backups").then().statusCode(202).extract().path("id");
                // a client retry while the broker is down returns the same backup
                String retried = as(tenant.operator()).header("Idempotency-Key", key).body(backupRequest(source))
                        .post("/api/v1/backups").then().statusCode(202).extract().path("id");
                assertThat(retried).isEqualTo(id);
                ids.add(id);
            }
            // the relay tried, the broker did not acknowledge, and nothing of the outage's requests was published
            awaitRelayFailureRecorded(Duration.ofSeconds(60));
            assertThat(unpublishedJobs(ids)).as("job messages wait in the outbox").isEqualTo(ids.size());
        } finally {
            run(script, "infra", "start", "kafka");
        }

        List<TopicReader.Message> jobs = TopicReader.readUntil(TopicReader.topic("backup.jobs"),
                read -> jobIds(read).containsAll(ids), Duration.ofSeconds(90));
        assertThat(jobIds(jobs)).containsAll(ids);
        // per key (source), the jobs arrive in the order they were requested
        for (String source : List.of(sourceA, sourceB)) {
            List<String> ofSource = jobs.stream().filter(m -> source.equals(m.key()))
                    .map(m -> m.value().path("jobId").asText()).filter(ids::contains).distinct().toList();
            List<String> expected = ids.stream().filter(id -> ofSource.contains(id)).toList();
            assertThat(ofSource).isEqualTo(expected).hasSize(3);
        }
        awaitAllPublished(Duration.ofSeconds(30));
        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement("select count(*) from backups where tenant_id = ?")) {
            s.setObject(1, tenant.tenantId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("no duplicate backups").isEqualTo(ids.size());
            }
        }
        given().get("/q/health/ready").then().statusCode(200);
        awaitStatus("/q/health/well", 200);
    }

    /** Health answers are cached for a second: waits (30 s at most) for the one expected. */
    private static void awaitStatus(String path, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (given().get(path).statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        given().get(path).then().statusCode(status);
    }

    private static Set<String> jobIds(List<TopicReader.Message> messages) {
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.value().path("jobId").asText()));
        return ids;
    }

    private static int unpublishedJobs(List<String> backupIds) throws Exception {
        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement("select count(*) from outbox where stream = 'jobs' "
                     + "and published_at is null and payload->>'jobId' = any(?)")) {
            s.setArray(1, c.createArrayOf("text", backupIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Waits until the relay has written a failed publication attempt on a row that is still unpublished. */
    private static void awaitRelayFailureRecorded(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int failed;
        do {
            try (Connection c = catalog();
                 ResultSet rs = c.createStatement().executeQuery("select count(*) from outbox "
                         + "where published_at is null and attempts > 0 and last_error is not null")) {
                rs.next();
                failed = rs.getInt(1);
            }
            if (failed == 0) {
                Thread.sleep(200);
            }
        } while (failed == 0 && System.nanoTime() < deadline);
        assertThat(failed).as("outbox rows with a failed publication attempt").isPositive();
    }

    private static void awaitAllPublished(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int pending;
        do {
            try (Connection c = catalog();
                 ResultSet rs = c.createStatement().executeQuery(
                         "select count(*) from outbox where published_at is null")) {
                rs.next();
                pending = rs.getInt(1);
            }
            if (pending > 0) {
                Thread.sleep(200);
            }
        } while (pending > 0 && System.nanoTime() < deadline);
        assertThat(pending).as("unpublished outbox rows").isZero();
    }

    private static void run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(script);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + " exit code").isZero();
    }
}
