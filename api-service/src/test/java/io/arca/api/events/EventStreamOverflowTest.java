package io.arca.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.api.ApiTest;
import io.arca.common.messages.ArcaEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading: its buffer (%test: 50 events) overflows behind the full TCP buffers, the server ends
 * its stream, and the client resumes with Last-Event-ID without losing an event.
 */
@QuarkusTest
class EventStreamOverflowTest extends ApiTest {
    /** Far more than loopback's socket buffers hold (a few MB each way), so the server's writes must stall. */
    private static final int EVENTS = 6000;
    private static final String PADDING = "x".repeat(4096);

    @Inject
    EventTail tail;

    @Test
    void aStalledClientIsDisconnectedAndResumesWithoutLoss() throws Exception {
        TenantKeys tenant = newTenant();
        List<Long> seqs;
        List<SseClient.Event> beforeTheEnd;
        try (SseClient stalled = SseClient.openPaused("/api/v1/events", tenant.viewer(), Map.of())) {
            List<ArcaEvent> events = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                events.add(new ArcaEvent(1, UUID.randomUUID(), "backup.progress", Instant.now(),
                        tenant.tenantId(), Map.of(), Map.of("n", i, "padding", PADDING)));
            }
            seqs = TestEvents.append(events);
            // every event has been offered to the stalled client's buffer
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tail.position() < seqs.getLast()) {
                assertThat(System.nanoTime()).as("the tail never read the appended events").isLessThan(deadline);
                Thread.sleep(50);
            }
            stalled.startReading();
            beforeTheEnd = stalled.eventsUntilEnd(Duration.ofSeconds(60));
        }
        assertThat(beforeTheEnd).hasSizeGreaterThan(0).hasSizeLessThan(EVENTS);
        List<String> expected = seqs.stream().map(String::valueOf).toList();
        assertThat(beforeTheEnd).extracting(SseClient.Event::id)
                .containsExactlyElementsOf(expected.subList(0, beforeTheEnd.size()));

        String lastId = beforeTheEnd.getLast().id();
        try (SseClient resumed = SseClient.open("/api/v1/events", tenant.viewer(), Map.of("Last-Event-ID", lastId))) {
            List<SseClient.Event> rest = resumed.events(EVENTS - beforeTheEnd.size(), Duration.ofSeconds(60));
            assertThat(rest).extracting(SseClient.Event::id)
                    .containsExactlyElementsOf(expected.subList(beforeTheEnd.size(), EVENTS));
        }
    }
}
