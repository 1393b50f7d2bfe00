package io.arca.scheduler.events;

import static io.arca.scheduler.events.EventRows.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.common.messages.ArcaEvent;
import io.arca.scheduler.CatalogRows;
import io.arca.scheduler.schedules.ScheduleRows;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * backup.late with explicit times: late after 1.5 periods of the most frequent enabled schedule (the API's rule),
 * once per episode; a newer successful backup ends the episode.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class LateBackupsTest {
    @Inject
    AgroalDataSource db;
    @Inject
    LateSweep sweep;

    private List<ArcaEvent> lateAt(CatalogRows rows, String now) throws Exception {
        return sweep.sweep(Instant.parse(now)).stream()
                .filter(e -> e.subject().get("sourceId").equals(rows.sourceId.toString())).toList();
    }

    private static void successfulBackupFinishedAt(CatalogRows rows, String at) throws Exception {
        UUID id = rows.completedBackup();
        rows.exec("update backups set finished_at = ? where id = ?", Timestamp.from(Instant.parse(at)), id);
    }

    @Test
    void anHourlySourceIsLateOncePerEpisodeAfterNinetyMinutes() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        ScheduleRows.schedule(rows, "0 * * * *", "UTC", "skip", Instant.parse("2031-01-01T00:00:00Z"));
        successfulBackupFinishedAt(rows, "2031-01-01T00:00:00Z");

        assertThat(lateAt(rows, "2031-01-01T01:29:00Z")).as("within 1.5 periods").isEmpty();
        List<ArcaEvent> late = lateAt(rows, "2031-01-01T01:31:00Z");
        assertThat(late).hasSize(1);
        assertThat(late.get(0).type()).isEqualTo("backup.late");
        assertThat(late.get(0).tenantId()).isEqualTo(rows.tenantId);
        assertThat(late.get(0).data()).containsEntry("sourceName", "src")
                .containsEntry("lastSuccessfulBackupAt", "2031-01-01T00:00:00Z")
                .containsEntry("expectedEverySeconds", 3600L).containsEntry("lateAfterSeconds", 5400L);
        assertThat(lateAt(rows, "2031-01-01T03:00:00Z")).as("same episode: told once").isEmpty();

        successfulBackupFinishedAt(rows, "2031-01-01T03:10:00Z");
        assertThat(lateAt(rows, "2031-01-01T03:20:00Z")).as("a new successful backup: not late").isEmpty();
        assertThat(lateAt(rows, "2031-01-01T04:41:00Z")).as("a new episode").hasSize(1);

        assertThat(rows.count("select count(*) from outbox where stream = 'events' "
                + "and payload->>'type' = 'backup.late' and payload->'subject'->>'sourceId' = ?",
                rows.sourceId.toString())).isEqualTo(2);
        // through the relay and the ingestor into the event log
        await("both backup.late events are logged", () -> rows.count("select count(*) from events "
                + "where type = 'backup.late' and source_id = ?", rows.sourceId) == 2);
    }

    @Test
    void aCorruptedBackupIsNoRecoveryPointAndASourceWithoutOneIsLateOnceFromItsScheduleOn() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        ScheduleRows.schedule(rows, "0 0 * * *", "UTC", "skip", Instant.parse("2031-02-01T00:00:00Z"));
        successfulBackupFinishedAt(rows, "2031-02-10T00:00:00Z");
        rows.exec("update backups set corrupted = true where source_id = ?", rows.sourceId);

        // measured from the schedule's creation (today), so late in 2031
        List<ArcaEvent> late = lateAt(rows, "2031-02-10T01:00:00Z");
        assertThat(late).hasSize(1);
        assertThat(late.get(0).data()).containsEntry("lastSuccessfulBackupAt", null)
                .containsEntry("expectedEverySeconds", 86400L);
        assertThat(lateAt(rows, "2031-02-20T00:00:00Z")).isEmpty();
    }

    @Test
    void aSourceWhoseSchedulesAreDisabledOrThatIsDeletedIsNeverLate() throws Exception {
        CatalogRows disabled = new CatalogRows(db);
        UUID schedule = ScheduleRows.schedule(disabled, "0 * * * *", "UTC", "skip", Instant.parse("2031-03-01T00:00:00Z"));
        disabled.exec("update schedules set enabled = false where id = ?", schedule);
        CatalogRows deleted = new CatalogRows(db);
        ScheduleRows.schedule(deleted, "0 * * * *", "UTC", "skip", Instant.parse("2031-03-01T00:00:00Z"));
        deleted.exec("update sources set deleted_at = now() where id = ?", deleted.sourceId);

        assertThat(lateAt(disabled, "2031-03-05T00:00:00Z")).isEmpty();
        assertThat(lateAt(deleted, "2031-03-05T00:00:00Z")).isEmpty();
    }
}
