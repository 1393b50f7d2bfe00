package io.arca.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Last-Event-ID: every later event exactly once and in order, across reconnects, with a reset when history is gone. */
@QuarkusTest
class EventResumeTest extends ApiTest {
    private static final Duration WAIT = EventStreamTest.WAIT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TenantKeys tenant;

    @BeforeEach
    void newTenantForEachTest() {
        tenant = newTenant();
    }

    @Test
    void reconnectsWithLastEventIdGetEveryLaterEventOnceInOrderWhileEventsKeepComing() throws Exception {
        TenantKeys other = newTenant();
        UUID job = UUID.randomUUID();
        List<Long> appended = new CopyOnWriteArrayList<>();
        List<String> received = new ArrayList<>();
        String lastId;
        try (SseClient first = SseClient.open("/api/v1/events", tenant.viewer())) {
            // a backup's events keep coming, one transaction each, with another tenant's in between
            CompletableFuture<Void> appender = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 300; i++) {
                        appended.add(TestEvents.append(tenant.tenantId(), "backup.progress", job, null));
                        TestEvents.append(other.tenantId(), "backup.progress", UUID.randomUUID(), null);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            first.events(20, WAIT).forEach(e -> received.add(e.id()));
            lastId = received.getLast();
            first.close();

            // reconnect three times mid-stream, each time while the appender goes on; then follow to the end
            int reconnects = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!(appender.isDone() && received.size() >= appended.size())) {
                try (SseClient next = SseClient.open("/api/v1/events", tenant.viewer(),
                        Map.of("Last-Event-ID", lastId))) {
                    reconnects++;
                    int take = reconnects <= 3 ? 30 : Integer.MAX_VALUE;
                    while (take > 0 && !(appender.isDone() && received.size() >= appended.size())) {
                        assertThat(System.nanoTime()).as("received %s of %s", received.size(), appended.size())
                                .isLessThan(deadline);
                        SseClient.Event e = next.pollEvent(Duration.ofMillis(200));
                        if (e != null) {
                            received.add(e.id());
                            lastId = e.id();
                            take--;
                        }
                    }
                }
            }
            appender.join();
            assertThat(reconnects).isGreaterThanOrEqualTo(3);
        }

        assertThat(received).containsExactlyElementsOf(appended.stream().map(String::valueOf).toList());
    }

    @Test
    void theLastEventIdQueryParameterResumesLikeTheHeader() throws Exception {
        List<Long> seqs = TestEvents.append(TestEvents.event(tenant.tenantId(), "backup.requested", null, null),
                TestEvents.event(tenant.tenantId(), "backup.started", null, null),
                TestEvents.event(tenant.tenantId(), "backup.completed", null, null));
        try (SseClient stream = SseClient.open("/api/v1/events?lastEventId=" + seqs.getFirst(), tenant.viewer())) {
            assertThat(stream.events(2, WAIT)).extracting(SseClient.Event::type)
                    .containsExactly("backup.started", "backup.completed");
            long live = TestEvents.append(tenant.tenantId(), "backup.deleted", null, null);
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo(String.valueOf(live));
        }
        // the header wins over the parameter (an EventSource reconnecting sends both: the header is newer)
        try (SseClient stream = SseClient.open("/api/v1/events?lastEventId=" + seqs.getFirst(), tenant.viewer(),
                Map.of("Last-Event-ID", String.valueOf(seqs.get(1))))) {
            assertThat(stream.nextEvent(WAIT).type()).isEqualTo("backup.completed");
        }
    }

    @Test
    void anIdOlderThanTheRetainedLogGetsAResetThenWhatIsRetained() throws Exception {
        List<Long> seqs = TestEvents.append(TestEvents.event(tenant.tenantId(), "backup.requested", null, null),
                TestEvents.event(tenant.tenantId(), "backup.started", null, null),
                TestEvents.event(tenant.tenantId(), "backup.completed", null, null));
        // pruning, as the ingestor does after the retention window: everything up to the second event is gone
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement("delete from events where seq <= ?")) {
            ps.setLong(1, seqs.get(1));
            ps.executeUpdate();
        }

        try (SseClient stream = SseClient.open("/api/v1/events", tenant.viewer(),
                Map.of("Last-Event-ID", String.valueOf(seqs.getFirst())))) {
            SseClient.Event reset = stream.nextEvent(WAIT);
            assertThat(reset.type()).isEqualTo("reset");
            // its id moves the client past what is lost: reconnecting with it is no new reset
            assertThat(reset.id()).isEqualTo(String.valueOf(seqs.get(1)));
            JsonNode data = JSON.readTree(reset.data());
            assertThat(data.path("lastEventId").asLong()).isEqualTo(seqs.getFirst());
            assertThat(data.path("oldestRetainedId").asLong()).isEqualTo(seqs.get(2));
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo(String.valueOf(seqs.get(2)));
            long live = TestEvents.append(tenant.tenantId(), "backup.deleted", null, null);
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo(String.valueOf(live));
        }
        try (SseClient stream = SseClient.open("/api/v1/events", tenant.viewer(),
                Map.of("Last-Event-ID", String.valueOf(seqs.get(1))))) {
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo(String.valueOf(seqs.get(2)));
        }
    }

    @Test
    void anOldEventKeptForADeliveryDoesNotHideTheGapAfterIt() throws Exception {
        List<Long> seqs = TestEvents.append(TestEvents.event(tenant.tenantId(), "backup.failed", null, null),
                TestEvents.event(tenant.tenantId(), "backup.started", null, null),
                TestEvents.event(tenant.tenantId(), "backup.completed", null, null));
        // two days pass for everything up to the second event; the pruner removes the second but keeps the first (a
        // pending webhook delivery still needs it) and every older one of other tests: the oldest seq retained says
        // nothing about the gap, the retention window does
        try (Connection c = catalog(); PreparedStatement aged = c.prepareStatement(
                "update events set recorded_at = now() - interval '49 hours' where seq <= ?");
             PreparedStatement pruned = c.prepareStatement("delete from events where seq = ?")) {
            aged.setLong(1, seqs.get(1));
            aged.executeUpdate();
            pruned.setLong(1, seqs.get(1));
            assertThat(pruned.executeUpdate()).isEqualTo(1);
        }

        try (SseClient stream = SseClient.open("/api/v1/events", tenant.viewer(),
                Map.of("Last-Event-ID", String.valueOf(seqs.getFirst())))) {
            SseClient.Event reset = stream.nextEvent(WAIT);
            assertThat(reset.type()).isEqualTo("reset");
            assertThat(reset.id()).isEqualTo(String.valueOf(seqs.get(1)));
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo(String.valueOf(seqs.get(2)));
        }
        // within the window, a resume is plain: no reset, the next event
        try (SseClient stream = SseClient.open("/api/v1/events", tenant.viewer(),
                Map.of("Last-Event-ID", String.valueOf(seqs.get(1))))) {
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo(String.valueOf(seqs.get(2)));
        }
    }

    @Test
    void anIdThisLogNeverGaveGetsAResetThenLiveEvents() throws Exception {
        long head = TestEvents.append(tenant.tenantId(), "backup.requested", null, null);
        try (SseClient stream = SseClient.open("/api/v1/events", tenant.viewer(),
                Map.of("Last-Event-ID", String.valueOf(head + 1_000_000)))) {
            SseClient.Event reset = stream.nextEvent(WAIT);
            assertThat(reset.type()).isEqualTo("reset");
            assertThat(Long.parseLong(reset.id())).isLessThan(head + 1_000_000);
            long live = TestEvents.append(tenant.tenantId(), "backup.started", null, null);
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo(String.valueOf(live));
        }
    }

    @Test
    void theTailSurvivesALostConnectionWithoutLossOrDuplicates() throws Exception {
        try (SseClient stream = SseClient.open("/api/v1/events", tenant.viewer())) {
            long before = TestEvents.append(tenant.tenantId(), "backup.requested", null, null);
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo(String.valueOf(before));

            int killed = terminateTail();
            assertThat(killed).isEqualTo(1);
            List<Long> during = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                during.add(TestEvents.append(tenant.tenantId(), "backup.progress", null, null));
            }
            assertThat(stream.events(5, Duration.ofSeconds(30))).extracting(SseClient.Event::id)
                    .containsExactlyElementsOf(during.stream().map(String::valueOf).toList());
            long after = TestEvents.append(tenant.tenantId(), "backup.completed", null, null);
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo(String.valueOf(after));
        }
    }

    /** Ends the tail's session on the server, as a failover or a network cut would. */
    private static int terminateTail() throws Exception {
        try (Connection c = catalog(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) filter (where pg_terminate_backend(pid)) from "
                     + "pg_stat_activity where application_name = '" + EventTail.APPLICATION_NAME + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
