package io.arca.scheduler.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.scheduler.CatalogRows;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Firing against the real catalog with an explicit "now": lateness after downtime, the overlap rule, and the backup
 * row a fire creates (the row and messages POST /backups creates, plus where it came from).
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class ScheduleFiringTest {
    @Inject
    ScheduleFiring firing;
    @Inject
    AgroalDataSource db;

    @Test
    void aFireCreatesAPendingBackupWithItsCommandLikePostBackupsAndAdvances() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        Instant slot = Instant.parse("2030-01-07T02:30:00Z");
        UUID schedule = ScheduleRows.schedule(rows, "30 2 * * *", "UTC", "skip", slot);

        firing.fireDue(slot.plusMillis(1500));

        assertThat(rows.text("select concat_ws('|', state, attempt, type, options = (select backup_options from "
                + "schedules where id = ?), labels::text, origin, scheduled_for = ?, late_by_ms, idempotency_key "
                + "is null) from backups where schedule_id = ?", schedule, java.sql.Timestamp.from(slot), schedule))
                .isEqualTo("pending|1|full|t|{\"origin\": \"test\"}|schedule|t|1500|t");
        String backup = rows.text("select id::text from backups where schedule_id = ?", schedule);
        assertThat(rows.count("select count(*) from outbox where stream = 'jobs' and payload->>'jobId' = ? "
                + "and payload->>'kind' = 'backup' and message_key = ?", backup, rows.sourceId.toString()))
                .isEqualTo(1);
        assertThat(rows.count("select count(*) from outbox where stream = 'events' and payload->>'jobId' = ? "
                + "and payload->>'type' = 'backup.requested' and payload->'data'->>'scheduleId' = ?", backup,
                schedule.toString())).isEqualTo(1);
        assertThat(rows.text("select concat_ws('|', trigger, outcome, backup_id) from schedule_fires "
                + "where schedule_id = ?", schedule)).isEqualTo("timetable|created|" + backup);
        assertThat(rows.text("select next_run_at = '2030-01-08T02:30:00Z' and version = 0 from schedules "
                + "where id = ?", schedule)).isEqualTo("t");
    }

    @Test
    void afterDowntimeAMissedScheduleFiresOnceForItsNewestSlotAndSaysHowLate() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID schedule = ScheduleRows.schedule(rows, "0 * * * *", "UTC", "queue",
                Instant.parse("2030-02-01T10:00:00Z"));
        Instant backUp = Instant.parse("2030-02-01T15:10:00Z");

        firing.fireDue(backUp);
        firing.fireDue(backUp.plusSeconds(5));

        assertThat(rows.text("select concat_ws('|', count(*), min(scheduled_for) = '2030-02-01T15:00:00Z', min(late_by_ms)) from backups "
                + "where schedule_id = ?", schedule)).isEqualTo("1|t|600000");
        assertThat(rows.text("select reason from schedule_fires where schedule_id = ?", schedule))
                .isEqualTo("5 earlier slot(s) since 2030-02-01T10:00:00Z were missed; fired once, for the newest");
        assertThat(rows.text("select next_run_at = '2030-02-01T16:00:00Z' from schedules where id = ?", schedule))
                .isEqualTo("t");
    }

    @Test
    void overlapSkipRecordsASkippedFireNamingTheBackupQueueCreatesAnother() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        Instant first = Instant.parse("2030-03-01T00:00:00Z");
        UUID skip = ScheduleRows.schedule(rows, "*/5 * * * *", "UTC", "skip", first);
        UUID queue = ScheduleRows.schedule(rows, "*/5 * * * *", "UTC", "queue", first);

        firing.fireDue(first);
        String running = rows.text("select id::text from backups where schedule_id = ?", skip);
        rows.exec("update backups set state = 'running' where id = ?", UUID.fromString(running));
        firing.fireDue(first.plusSeconds(300));

        assertThat(rows.count("select count(*) from backups where schedule_id = ?", skip)).isEqualTo(1);
        assertThat(rows.text("select concat_ws('|', outcome, reason, backup_id is null) from schedule_fires "
                + "where schedule_id = ? and fire_time = '2030-03-01T00:05:00Z'", skip))
                .isEqualTo("skipped|backup " + running + " of this schedule is still running (overlap: skip)|t");
        assertThat(rows.count("select count(*) from backups where schedule_id = ?", queue)).isEqualTo(2);

        // once the previous backup finished, the next slot creates a backup again
        rows.exec("update backups set state = 'completed' where id = ?", UUID.fromString(running));
        firing.fireDue(first.plusSeconds(600));
        assertThat(rows.count("select count(*) from backups where schedule_id = ?", skip)).isEqualTo(2);
        assertThat(rows.count("select count(*) from schedule_fires where schedule_id = ?", skip)).isEqualTo(3);
    }

    @Test
    void disabledAndNotYetDueSchedulesDoNotFire() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        Instant now = Instant.parse("2030-04-01T00:00:00Z");
        UUID disabled = ScheduleRows.schedule(rows, "* * * * *", "UTC", "skip", now.minusSeconds(600));
        rows.exec("update schedules set enabled = false where id = ?", disabled);
        UUID later = ScheduleRows.schedule(rows, "* * * * *", "UTC", "skip", now.plusSeconds(60));

        firing.fireDue(now);

        assertThat(rows.count("select count(*) from schedule_fires where schedule_id in (?, ?)", disabled, later))
                .isZero();
    }

    @Test
    void aScheduleThatCannotBeReadIsPutOffAMinuteWithoutBlockingTheOthers() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        Instant now = Instant.parse("2030-05-01T00:00:00Z");
        UUID broken = ScheduleRows.schedule(rows, "0 0 * * *", "Mars/Olympus", "skip", now);
        UUID fine = ScheduleRows.schedule(rows, "0 0 * * *", "UTC", "skip", now);

        firing.fireDue(now);

        assertThat(rows.count("select count(*) from backups where schedule_id = ?", fine)).isEqualTo(1);
        assertThat(rows.count("select count(*) from schedule_fires where schedule_id = ?", broken)).isZero();
        assertThat(rows.text("select next_run_at = '2030-05-01T00:01:00Z' from schedules where id = ?", broken))
                .isEqualTo("t");
    }

    @Test
    void aScheduleWhoseBackupCannotBeWrittenIsPutOffAloneTheRestOfTheBatchFires() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        Instant now = Instant.parse("2030-06-01T00:00:00Z");
        UUID fine = ScheduleRows.schedule(rows, "0 0 * * *", "UTC", "skip", now);
        UUID typeless = ScheduleRows.schedule(rows, "0 0 * * *", "UTC", "skip", now);
        // options without a type: the backup row's type is not null, so the batch's insert fails
        rows.exec("update schedules set backup_options = '{}' where id = ?", typeless);

        firing.fireDue(now);

        assertThat(rows.count("select count(*) from backups where schedule_id = ?", fine)).isEqualTo(1);
        assertThat(rows.count("select count(*) from schedule_fires where schedule_id = ?", typeless)).isZero();
        assertThat(rows.text("select next_run_at = '2030-06-01T00:01:00Z' from schedules where id = ?", typeless))
                .isEqualTo("t");
        assertThat(rows.text("select next_run_at = '2030-06-02T00:00:00Z' from schedules where id = ?", fine))
                .isEqualTo("t");
    }
}
