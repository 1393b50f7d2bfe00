package io.arca.api.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/events live: order, envelope, filters, tenant isolation, heartbeats, the clients gauge, bad input. */
@QuarkusTest
class EventStreamTest extends ApiTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TenantKeys tenant;

    @BeforeEach
    void newTenantForEachTest() {
        tenant = newTenant();
    }

    @Test
    void eventsArriveLiveInOrderWithTheirSeqTypeAndStoredEnvelope() throws Exception {
        UUID job = UUID.randomUUID();
        UUID source = UUID.randomUUID();
        try (SseClient stream = SseClient.open("/api/v1/events", tenant.viewer())) {
            List<Long> seqs = TestEvents.append(TestEvents.event(tenant.tenantId(), "backup.started", job, source),
                    TestEvents.event(tenant.tenantId(), "backup.progress", job, source),
                    TestEvents.event(tenant.tenantId(), "backup.completed", job, source));

            List<SseClient.Event> events = stream.events(3, WAIT);

            assertThat(events).extracting(SseClient.Event::id)
                    .containsExactly(seqs.stream().map(String::valueOf).toArray(String[]::new));
            assertThat(events).extracting(SseClient.Event::type)
                    .containsExactly("backup.started", "backup.progress", "backup.completed");
            assertThat(events.getLast().data()).isEqualTo(storedBody(seqs.getLast()));
            JsonNode envelope = JSON.readTree(events.getLast().data());
            assertThat(envelope.path("version").asInt()).isEqualTo(1);
            assertThat(envelope.path("type").asText()).isEqualTo("backup.completed");
            assertThat(envelope.path("tenantId").asText()).isEqualTo(tenant.tenantId().toString());
            assertThat(envelope.path("subject").path("jobId").asText()).isEqualTo(job.toString());
        }
    }

    @Test
    void anotherTenantsEventsAndTestEventsNeverArrive() throws Exception {
        TenantKeys other = newTenant();
        try (SseClient stream = SseClient.open("/api/v1/events", tenant.admin())) {
            // both come before the tenant's own event in seq order: streamed, they would arrive first
            TestEvents.append(other.tenantId(), "backup.failed", UUID.randomUUID(), null);
            TestEvents.append(tenant.tenantId(), "notification.test", null, null);
            long own = TestEvents.append(tenant.tenantId(), "backup.failed", UUID.randomUUID(), null);

            SseClient.Event first = stream.nextEvent(WAIT);

            assertThat(first.id()).isEqualTo(String.valueOf(own));
            assertThat(first.type()).isEqualTo("backup.failed");
        }
    }

    @Test
    void sourceJobAndTypeFiltersLetOnlyTheirEventsThrough() throws Exception {
        UUID source = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        UUID id = tenant.tenantId();
        try (SseClient bySource = SseClient.open("/api/v1/events?sourceId=" + source, tenant.viewer());
             SseClient byJob = SseClient.open("/api/v1/events?jobId=" + job, tenant.viewer());
             SseClient byTypes = SseClient.open("/api/v1/events?types=backup.failed,restore.*", tenant.viewer());
             SseClient byTypesRepeated = SseClient.open("/api/v1/events?types=backup.failed&types=restore.*",
                     tenant.viewer())) {
            List<Long> seqs = TestEvents.append(
                    TestEvents.event(id, "backup.completed", UUID.randomUUID(), UUID.randomUUID()),
                    TestEvents.event(id, "restore.progress", job, UUID.randomUUID()),
                    TestEvents.event(id, "backup.started", UUID.randomUUID(), source),
                    TestEvents.event(id, "backup.failed", job, source));

            assertThat(bySource.events(2, WAIT)).extracting(SseClient.Event::id)
                    .containsExactly(String.valueOf(seqs.get(2)), String.valueOf(seqs.get(3)));
            assertThat(byJob.events(2, WAIT)).extracting(SseClient.Event::id)
                    .containsExactly(String.valueOf(seqs.get(1)), String.valueOf(seqs.get(3)));
            assertThat(byTypes.events(2, WAIT)).extracting(SseClient.Event::type)
                    .containsExactly("restore.progress", "backup.failed");
            assertThat(byTypesRepeated.events(2, WAIT)).extracting(SseClient.Event::type)
                    .containsExactly("restore.progress", "backup.failed");
            // nothing else was let through: the next event after one more append is that one
            long marker = TestEvents.append(id, "backup.failed", job, source);
            assertThat(bySource.nextEvent(WAIT).id()).isEqualTo(String.valueOf(marker));
            assertThat(byTypes.nextEvent(WAIT).id()).isEqualTo(String.valueOf(marker));
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        // %test heartbeat is 1 s; nothing is appended for this tenant
        try (SseClient stream = SseClient.open("/api/v1/events?jobId=" + UUID.randomUUID(), tenant.viewer())) {
            assertThat(stream.next(WAIT)).isEqualTo(new SseClient.Comment("heartbeat"));
            assertThat(stream.next(WAIT)).isEqualTo(new SseClient.Comment("heartbeat"));
        }
    }

    @Test
    void theClientsGaugeCountsOpenStreams() throws Exception {
        awaitClients(0);
        try (SseClient one = SseClient.open("/api/v1/events", tenant.viewer());
             SseClient two = SseClient.open("/api/v1/events", tenant.operator())) {
            awaitClients(2);
        }
        // the server notices a closed connection within a second (its idle check) or at the next heartbeat
        awaitClients(0);
    }

    @Test
    void badParametersGetProblemsAndNoStream() {
        // an unknown type: 422 naming it (a typo would otherwise be a stream that never shows anything)
        as(tenant.viewer()).accept("text/event-stream").get("/api/v1/events?types=backup.failed,backup.nope")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/unknown-event-type")).body("field", equalTo("types"))
                .body("detail", containsString("backup.nope"));
        as(tenant.viewer()).accept("text/event-stream").get("/api/v1/events?types=")
                .then().statusCode(422).body("field", equalTo("types"));
        // malformed ids: 400 naming the parameter
        as(tenant.viewer()).accept("text/event-stream").get("/api/v1/events?sourceId=not-a-uuid")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/validation-failed")).body("field", equalTo("sourceId"));
        as(tenant.viewer()).accept("text/event-stream").get("/api/v1/events?jobId=42")
                .then().statusCode(400).body("field", equalTo("jobId"));
        as(tenant.viewer()).accept("text/event-stream").header("Last-Event-ID", "abc").get("/api/v1/events")
                .then().statusCode(400).body("field", equalTo("Last-Event-ID"));
        as(tenant.viewer()).accept("text/event-stream").get("/api/v1/events?lastEventId=-1")
                .then().statusCode(400).body("field", equalTo("lastEventId"));
        // no key: 401, as everywhere
        given().accept("text/event-stream").get("/api/v1/events")
                .then().statusCode(401).contentType("application/problem+json");
    }

    static int clients() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^arca_events_stream_clients(?:\\{[^}]*})? ([0-9.]+)$").matcher(metrics);
        assertThat(m.find()).as("arca_events_stream_clients in /q/metrics").isTrue();
        return (int) Double.parseDouble(m.group(1));
    }

    static void awaitClients(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (clients() != expected) {
            assertThat(System.nanoTime()).as("arca_events_stream_clients never reached " + expected)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String storedBody(long seq) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement("select body::text from events "
                + "where seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
