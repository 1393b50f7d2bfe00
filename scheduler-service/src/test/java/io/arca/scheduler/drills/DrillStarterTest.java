package io.arca.scheduler.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.scheduler.CatalogRows;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Restore drills start against the real catalog, at times the test chooses. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class DrillStarterTest {
    @Inject
    DrillSweeper sweeper;
    @Inject
    AgroalDataSource db;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofDays(3650));

    private UUID schedule(CatalogRows rows, boolean enabled, Instant nextDrill) throws Exception {
        UUID id = UUID.randomUUID();
        rows.exec("insert into schedules (id, tenant_id, source_id, name, enabled, backup_options, timing, cron, "
                + "drill, next_drill_at) values (?, ?, ?, ?, ?, '{}', '{\"cron\": \"0 2 * * *\"}', '0 2 * * *', "
                + "cast(? as jsonb), ?)", id, rows.tenantId, rows.sourceId, "s-" + id, enabled,
                "{\"every\": \"P7D\", \"targetSourceId\": \"" + rows.sourceId + "\"}", Timestamp.from(nextDrill));
        return id;
    }

    private UUID backup(CatalogRows rows, UUID schedule, int hoursAgo, String state, boolean corrupted,
            String lifecycle) throws Exception {
        UUID id = UUID.randomUUID();
        rows.exec("insert into backups (id, tenant_id, source_id, type, options, state, corrupted, lifecycle, "
                + "schedule_id, origin, finished_at) values (?, ?, ?, 'full', '{}', ?, ?, ?, ?, 'schedule', ?)", id,
                rows.tenantId, rows.sourceId, state, corrupted, lifecycle, schedule,
                Timestamp.from(now.minus(Duration.ofHours(hoursAgo))));
        return id;
    }

    private static Instant nextDrill(CatalogRows rows, UUID schedule) throws Exception {
        return Instant.ofEpochMilli(rows.count("select (extract(epoch from next_drill_at) * 1000)::bigint "
                + "from schedules where id = ?", schedule));
    }

    /** Sweeps at {@code at}; other test classes' schedules may be due too, so results are read per tenant. */
    private long drillsAfterSweep(CatalogRows rows, Instant at) throws Exception {
        sweeper.sweep(at);
        return rows.count("select count(*) from verifications where tenant_id = ?", rows.tenantId);
    }

    @Test
    void aDueDrillDeepVerifiesTheNewestIntactLiveBackupOnceAndComesBackAfterItsPeriod() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID schedule = schedule(rows, true, now.minusSeconds(60));
        backup(rows, schedule, 48, "completed", false, "live");
        UUID newestIntact = backup(rows, schedule, 24, "completed", false, "live");
        backup(rows, schedule, 12, "completed", true, "live");
        backup(rows, schedule, 6, "completed", false, "expiring");
        backup(rows, schedule, 3, "failed", false, "live");
        backup(rows, null, 1, "completed", false, "live");

        assertThat(drillsAfterSweep(rows, now)).isEqualTo(1);

        assertThat(rows.text("select string_agg(backup_id || ' ' || deep || ' ' || target_source_id || ' ' || origin "
                + "|| ' ' || schedule_id || ' ' || state, ',') from verifications where tenant_id = ?", rows.tenantId))
                .isEqualTo(newestIntact + " true " + rows.sourceId + " drill " + schedule + " pending");
        assertThat(rows.count("select count(*) from outbox where stream = 'jobs' and message_key = ? "
                + "and payload->>'kind' = 'verify'", rows.sourceId.toString())).isEqualTo(1);
        assertThat(rows.count("select count(*) from outbox where stream = 'events' "
                + "and payload->>'type' = 'verify.requested' and payload->>'tenantId' = ?", rows.tenantId.toString()))
                .isEqualTo(1);
        assertThat(nextDrill(rows, schedule)).isEqualTo(now.plus(Duration.ofDays(7)));

        assertThat(drillsAfterSweep(rows, now)).as("not due again before its period").isEqualTo(1);

        // a week later the first drill's verification is still unfinished: it is the proof, none is added
        Instant weekLater = now.plus(Duration.ofDays(7)).plusSeconds(1);
        assertThat(drillsAfterSweep(rows, weekLater)).isEqualTo(1);
        assertThat(nextDrill(rows, schedule)).isEqualTo(weekLater.plus(Duration.ofDays(7)));
        rows.exec("update verifications set state = 'completed' where tenant_id = ?", rows.tenantId);
        Instant twoWeeksLater = weekLater.plus(Duration.ofDays(7));
        assertThat(drillsAfterSweep(rows, twoWeeksLater)).isEqualTo(2);
    }

    @Test
    void aScheduleWithNothingToProveLooksAgainWithinTheRetryIntervalAndDisabledSchedulesAreLeftAlone()
            throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID empty = schedule(rows, true, now.minusSeconds(1));
        backup(rows, empty, 2, "running", false, "live");
        UUID disabled = schedule(rows, false, now.minusSeconds(1));
        backup(rows, disabled, 2, "completed", false, "live");

        assertThat(drillsAfterSweep(rows, now)).isZero();

        assertThat(nextDrill(rows, empty)).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(nextDrill(rows, disabled)).isEqualTo(now.minusSeconds(1));
    }
}
