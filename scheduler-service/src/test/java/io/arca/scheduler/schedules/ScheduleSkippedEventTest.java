package io.arca.scheduler.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.scheduler.CatalogRows;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A fire skipped by overlap {@code skip} is a schedule.skipped event, written with the fire and ingested. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class ScheduleSkippedEventTest {
    @Inject
    ScheduleFiring firing;
    @Inject
    AgroalDataSource db;

    @Test
    void aSkippedFireEmitsScheduleSkippedNamingTheRunningBackupAndACreatedFireDoesNot() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        Instant first = Instant.parse("2032-03-01T00:00:00Z");
        UUID schedule = ScheduleRows.schedule(rows, "*/5 * * * *", "UTC", "skip", first);
        firing.fireDue(first);
        String running = rows.text("select id::text from backups where schedule_id = ?", schedule);
        rows.exec("update backups set state = 'running' where id = ?", UUID.fromString(running));

        firing.fireDue(first.plusSeconds(300));

        String event = "select concat_ws('|', payload->>'type', payload->'subject'->>'scheduleId', "
                + "payload->'subject'->>'sourceId', payload->'data'->>'scheduledFor', "
                + "payload->'data'->>'runningBackupId', payload->'data'->>'sourceName', payload->>'tenantId') "
                + "from outbox where stream = 'events' and payload->>'type' = 'schedule.skipped' "
                + "and payload->'subject'->>'scheduleId' = ?";
        assertThat(rows.text(event, schedule.toString())).isEqualTo("schedule.skipped|" + schedule + "|"
                + rows.sourceId + "|2032-03-01T00:05:00Z|" + running + "|src|" + rows.tenantId);
        assertThat(rows.count("select count(*) from outbox where stream = 'events' and payload->>'type' = "
                + "'schedule.skipped' and payload->'subject'->>'scheduleId' = ?", schedule.toString())).isEqualTo(1);

        // the relay publishes it and the ingestor logs it
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (rows.count("select count(*) from events where type = 'schedule.skipped' and source_id = ? "
                + "and body->'subject'->>'scheduleId' = ?", rows.sourceId, schedule.toString()) == 0) {
            assertThat(System.nanoTime()).as("schedule.skipped reached the event log in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
