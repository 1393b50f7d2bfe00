package io.arca.events.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.common.messages.ArcaEvent;
import io.arca.common.messages.JobEvent;
import io.arca.events.EventType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The translation of job facts into public events, without a catalog: the subject is given. */
class FactTranslationTest {
    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID JOB = UUID.randomUUID();
    private static final JobSubject SUBJECT = new JobSubject(Map.of("jobId", JOB.toString(), "backupId",
            JOB.toString(), "sourceId", UUID.randomUUID().toString()), "shop");

    private static JobEvent fact(String type, String state, Map<String, Object> data) {
        return new JobEvent(1, UUID.randomUUID(), type, JOB, type.substring(0, type.indexOf('.')), TENANT, state,
                Instant.parse("2030-01-01T00:00:00Z"), data);
    }

    @Test
    void everyCatalogueTypeWithAFactIsProducedByThatFactWithTheFactsIdTimeAndSubject() {
        List<EventType> fromFacts = Arrays.stream(EventType.values())
                .filter(t -> t.from() != null && t.from().equals(t.wireName())).toList();
        assertThat(fromFacts).hasSizeGreaterThan(40);
        for (EventType t : fromFacts) {
            JobEvent fact = fact(t.from(), "running", Map.of("state", "ok", "bytes", 12));
            List<ArcaEvent> events = FactTranslation.translate(fact, SUBJECT);
            assertThat(events).as(t.wireName()).hasSize(1);
            ArcaEvent e = events.get(0);
            assertThat(e.type()).isEqualTo(t.wireName());
            assertThat(e.id()).isEqualTo(fact.eventId());
            assertThat(e.time()).isEqualTo(fact.occurredAt());
            assertThat(e.tenantId()).isEqualTo(TENANT);
            assertThat(e.subject()).isEqualTo(SUBJECT.ids());
            assertThat(e.data()).containsEntry("kind", fact.kind()).containsEntry("sourceName", "shop")
                    .containsEntry("bytes", 12);
        }
    }

    @Test
    void aVerificationThatFoundDamageIsAlsoABackupCorruptedWithAStableIdOfItsOwn() {
        for (String verdict : List.of("corrupted", "restore-mismatch")) {
            JobEvent fact = fact("verify.completed", "completed", Map.of("state", verdict, "problems", 3));
            List<ArcaEvent> events = FactTranslation.translate(fact, SUBJECT);
            assertThat(events).extracting(ArcaEvent::type).containsExactly("backup.corrupted", "verify.completed");
            ArcaEvent corrupted = events.get(0);
            assertThat(corrupted.id()).isNotEqualTo(fact.eventId())
                    .isEqualTo(FactTranslation.translate(fact, SUBJECT).get(0).id());
            // the fact's verdict wins over the job's state: data.state says which damage
            assertThat(corrupted.data()).containsEntry("state", verdict).containsEntry("problems", 3);
            assertThat(events.get(1).id()).isEqualTo(fact.eventId());
        }
    }

    @Test
    void anIntactVerificationIsOnlyVerifyCompleted() {
        JobEvent fact = fact("verify.completed", "completed", Map.of("state", "ok"));
        assertThat(FactTranslation.translate(fact, SUBJECT)).extracting(ArcaEvent::type)
                .containsExactly("verify.completed");
    }

    @Test
    void aFactTheCatalogueDoesNotPublishIsDropped() {
        assertThat(FactTranslation.published("backup.exploded")).isFalse();
        assertThat(FactTranslation.translate(fact("backup.exploded", "running", Map.of()), SUBJECT)).isEmpty();
        assertThat(FactTranslation.published("backup.failed")).isTrue();
    }

    @Test
    void withoutDataTheEventStillCarriesKindAndStateAndNoSourceNameWhenUnknown() {
        JobEvent fact = fact("gc.completed", "completed", null);
        ArcaEvent e = FactTranslation.translate(fact, new JobSubject(Map.of("jobId", JOB.toString()), null)).get(0);
        assertThat(e.data()).containsExactly(Map.entry("kind", "gc"), Map.entry("state", "completed"));
    }
}
