package io.arca.events.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventTypeFilter;
import io.arca.events.delivery.FanOut.Channel;
import io.arca.events.delivery.FanOut.Planned;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fan-out rule, pure: which enabled channels get which events, and when. */
class FanOutTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID OTHER_TENANT = UUID.randomUUID();

    private static ArcaEvent event(String type, UUID tenant) {
        return ArcaEvent.of(type, tenant, Map.of(), Map.of());
    }

    private static Channel channel(UUID tenant, String kind, Integer digest, String... patterns) {
        return new Channel(UUID.randomUUID(), tenant, kind, EventTypeFilter.stored(List.of(patterns)), digest);
    }

    @Test
    void notifyTypesGoToTheTenantsChannelsWhoseFilterMatches() {
        Channel failures = channel(TENANT, "webhook", null, "backup.failed");
        Channel backups = channel(TENANT, "webhook", null, "backup.*");
        Channel everything = channel(TENANT, "email", null, "*");
        Channel restores = channel(TENANT, "webhook", null, "restore.*");
        Channel otherTenant = channel(OTHER_TENANT, "webhook", null, "*");
        ArcaEvent failed = event("backup.failed", TENANT);

        List<Planned> planned = FanOut.plan(List.of(failed),
                List.of(failures, backups, everything, restores, otherTenant), NOW);

        assertThat(planned).extracting(Planned::channelId)
                .containsExactly(failures.id(), backups.id(), everything.id());
        assertThat(planned).allSatisfy(p -> {
            assertThat(p.eventId()).isEqualTo(failed.id());
            assertThat(p.eventType()).isEqualTo("backup.failed");
            assertThat(p.tenantId()).isEqualTo(TENANT);
            assertThat(p.dueAt()).isEqualTo(NOW);
        });
    }

    @Test
    void streamOnlyTestAndUnknownTypesAreNeverFannedOutEvenToStar() {
        Channel everything = channel(TENANT, "webhook", null, "*");
        assertThat(FanOut.plan(List.of(event("backup.progress", TENANT), event("backup.started", TENANT),
                event("notification.test", TENANT), event("backup.exploded", TENANT)), List.of(everything), NOW))
                .isEmpty();
    }

    @Test
    void aDigestEmailChannelIsDueWhenItsDigestWindowEnds() {
        Channel digest = channel(TENANT, "email", 15, "*");
        Channel webhookWithDigestColumn = channel(TENANT, "webhook", 15, "*");
        List<Planned> planned = FanOut.plan(List.of(event("backup.completed", TENANT)),
                List.of(digest, webhookWithDigestColumn), NOW);
        assertThat(planned).extracting(Planned::dueAt)
                .containsExactly(NOW.plus(Duration.ofMinutes(15)), NOW);
    }

    @Test
    void aDisabledChannelIsToldToEveryEmailChannelWhateverItsFilterAndToWebhooksOnlyByFilter() {
        Channel emailFailuresOnly = channel(TENANT, "email", null, "backup.failed");
        Channel webhookFailuresOnly = channel(TENANT, "webhook", null, "backup.failed");
        Channel webhookAll = channel(TENANT, "webhook", null, "*");
        Channel otherTenantEmail = channel(OTHER_TENANT, "email", null, "backup.failed");
        List<Planned> planned = FanOut.plan(List.of(event("notification-channel.disabled", TENANT)),
                List.of(emailFailuresOnly, webhookFailuresOnly, webhookAll, otherTenantEmail), NOW);
        assertThat(planned).extracting(Planned::channelId).containsExactly(emailFailuresOnly.id(), webhookAll.id());
    }

    @Test
    void aStoredPatternNoLongerInTheCatalogueMatchesNothingButTheRestStillWork() {
        Channel channel = channel(TENANT, "webhook", null, "backup.renamed", "backup.failed");
        assertThat(FanOut.plan(List.of(event("backup.failed", TENANT)), List.of(channel), NOW)).hasSize(1);
    }
}
