package io.arca.scheduler.events;

import static io.arca.scheduler.events.EventRows.await;
import static io.arca.scheduler.events.EventRows.data;
import static io.arca.scheduler.events.EventRows.json;
import static io.arca.scheduler.events.EventRows.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.common.job.JobState;
import io.arca.common.messages.ArcaEvent;
import io.arca.common.messages.JobEvent;
import io.arca.jobs.JobFact;
import io.arca.jobs.JobMessages;
import io.arca.jobs.JobTable;
import io.arca.scheduler.CatalogRows;
import io.arca.scheduler.notify.DispatcherOffProfile;
import io.arca.testing.ArcaInfraTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The ingestor against real Kafka and PostgreSQL: records on the run's events topic become event log rows (translated,
 * with subjects from the job rows, in order) and deliveries for the matching enabled channels only. Without the
 * delivery engine, which would otherwise attempt the deliveries these tests find pending.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
@TestProfile(DispatcherOffProfile.class)
class EventIngestionTest {
    @Inject
    AgroalDataSource db;
    @Inject
    MeterRegistry metrics;

    private static JobEvent fact(UUID backup, UUID tenant, JobFact what, JobState state, Map<String, Object> data) {
        return JobMessages.event(JobTable.BACKUPS, backup, tenant, what, state, data);
    }

    @Test
    void aBackupsFactsBecomeEventsInOrderWithTheSubjectAndSourceNameFromItsRow() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID backup = rows.completedBackup();
        publish(backup.toString(),
                json(fact(backup, rows.tenantId, JobFact.STARTED, JobState.RUNNING, data("attempt", 1))),
                json(fact(backup, rows.tenantId, JobFact.PROGRESS, JobState.RUNNING, data("bytes", 10))),
                json(fact(backup, rows.tenantId, JobFact.COMPLETED, JobState.COMPLETED, data("sizeBytes", 99))));

        await("three events of the backup are logged",
                () -> rows.count("select count(*) from events where job_id = ?", backup) == 3);

        assertThat(rows.text("select string_agg(type, ',' order by seq) from events where job_id = ?", backup))
                .isEqualTo("backup.started,backup.progress,backup.completed");
        assertThat(rows.text("select concat_ws('|', tenant_id, source_id, body->'subject'->>'backupId', "
                + "body->'subject'->>'sourceId', body->'data'->>'sourceName', body->'data'->>'kind', "
                + "body->'data'->>'state', body->'data'->>'sizeBytes', body->>'version') from events "
                + "where job_id = ? and type = 'backup.completed'", backup))
                .isEqualTo(rows.tenantId + "|" + rows.sourceId + "|" + backup + "|" + rows.sourceId
                        + "|src|backup|completed|99|1");
        assertThat(metrics.counter("arca.events.ingested", "type", "backup.completed").count()).isPositive();
    }

    @Test
    void deliveriesAreCreatedOnlyForTheTenantsEnabledChannelsWhoseFilterMatches() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        CatalogRows otherTenant = new CatalogRows(db);
        UUID failures = EventRows.webhook(rows, true, "backup.failed");
        UUID family = EventRows.webhook(rows, true, "backup.*");
        UUID disabled = EventRows.webhook(rows, false, "*");
        UUID restores = EventRows.webhook(rows, true, "restore.*");
        UUID digest = EventRows.email(rows, 10, "*");
        UUID others = EventRows.webhook(otherTenant, true, "*");
        UUID backup = rows.completedBackup();
        JobEvent progress = fact(backup, rows.tenantId, JobFact.PROGRESS, JobState.RUNNING, data("bytes", 1));
        JobEvent failed = fact(backup, rows.tenantId, JobFact.FAILED, JobState.FAILED, data("error", "disk full"));
        publish(backup.toString(), json(progress), json(failed));

        await("the failure is logged", () -> rows.count("select count(*) from events where id = ?",
                failed.eventId()) == 1);

        assertThat(rows.text("select string_agg(channel_id::text, ',' order by channel_id) from "
                + "notification_deliveries where event_id = ?", failed.eventId()))
                .isEqualTo(java.util.stream.Stream.of(failures, family, digest).map(UUID::toString).sorted()
                        .reduce((a, b) -> a + "," + b).orElseThrow());
        assertThat(rows.count("select count(*) from notification_deliveries where channel_id in (?, ?, ?)",
                disabled, restores, others)).isZero();
        // a progress event is stream-only: logged, never delivered
        assertThat(rows.count("select count(*) from events where id = ?", progress.eventId())).isEqualTo(1);
        assertThat(rows.count("select count(*) from notification_deliveries where event_id = ?",
                progress.eventId())).isZero();
        assertThat(rows.text("select concat_ws('|', d.state, d.event_type, d.attempt, d.tenant_id = ?) from "
                + "notification_deliveries d where d.channel_id = ?", rows.tenantId, failures))
                .isEqualTo("pending|backup.failed|0|t");
        // the digest channel's delivery waits for the end of its 10-minute window; the webhook's is due at once
        assertThat(rows.text("select (d.next_attempt_at - e.recorded_at) between interval '9 minutes' and "
                + "interval '11 minutes' from notification_deliveries d join events e on e.id = d.event_id "
                + "where d.channel_id = ?", digest)).isEqualTo("t");
        assertThat(rows.text("select d.next_attempt_at <= e.recorded_at + interval '1 minute' from "
                + "notification_deliveries d join events e on e.id = d.event_id where d.channel_id = ?", failures))
                .isEqualTo("t");
    }

    @Test
    void aFactOrEventReadTwiceIsLoggedAndDeliveredOnce() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID channel = EventRows.webhook(rows, true, "*");
        UUID backup = rows.completedBackup();
        JobEvent failed = fact(backup, rows.tenantId, JobFact.FAILED, JobState.FAILED, data("error", "x"));
        ArcaEvent late = ArcaEvent.of("backup.late", rows.tenantId, Map.of("sourceId", rows.sourceId.toString()),
                data("sourceName", "src"));
        JobEvent sentinel = fact(backup, rows.tenantId, JobFact.DELETED, JobState.COMPLETED, data("reason", "t"));
        // one pair in one batch, and again in a later one
        publish(backup.toString(), json(failed), json(failed), json(late), json(late));
        publish(backup.toString(), json(failed), json(late), json(sentinel));

        await("the sentinel after the repeats is logged",
                () -> rows.count("select count(*) from events where id = ?", sentinel.eventId()) == 1);

        assertThat(rows.count("select count(*) from events where id in (?, ?)", failed.eventId(), late.id()))
                .isEqualTo(2);
        assertThat(rows.count("select count(*) from notification_deliveries where channel_id = ?", channel))
                .isEqualTo(3);
    }

    @Test
    void malformedRecordsAreDeadLetteredAndSkippedAndLaterRecordsAreStillIngested() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID backup = rows.completedBackup();
        String notJson = "this is not json " + UUID.randomUUID();
        String noId = "{\"version\":1,\"type\":\"backup.late\",\"subject\":{},\"tenantId\":\"" + rows.tenantId
                + "\",\"nonce\":\"" + UUID.randomUUID() + "\"}";
        String unknownKind = json(fact(backup, rows.tenantId, JobFact.FAILED, JobState.FAILED, data()))
                .replace("\"kind\":\"backup\"", "\"kind\":\"banana\"");
        String badSubject = json(ArcaEvent.of("backup.late", rows.tenantId, Map.of("sourceId", "not-a-uuid"),
                data()));
        String futureVersion = json(fact(backup, rows.tenantId, JobFact.FAILED, JobState.FAILED, data()))
                .replace("\"version\":1", "\"version\":2");
        double before = metrics.counter("arca.events.malformed").count();
        JobEvent good = fact(backup, rows.tenantId, JobFact.COMPLETED, JobState.COMPLETED, data());
        publish(backup.toString(), notJson, noId, unknownKind, badSubject, futureVersion, json(good));

        await("the good record after the malformed ones is logged",
                () -> rows.count("select count(*) from events where id = ?", good.eventId()) == 1);

        for (String[] expected : new String[][] {{notJson, "not JSON: "}, {noId, "event without id"},
                {unknownKind, "job event of unknown kind banana"}, {badSubject, "subject.sourceId is not a UUID"},
                {futureVersion, "unknown job event version 2"}}) {
            assertThat(rows.text("select payload->>'reason' from outbox where stream = 'jobs-dlq' "
                    + "and payload->>'payload' = ?", expected[0])).as(expected[0]).startsWith(expected[1]);
        }
        assertThat(rows.count("select count(*) from events where job_id = ?", backup)).isEqualTo(1);
        assertThat(metrics.counter("arca.events.malformed").count() - before).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aVerificationThatFoundDamageIsLoggedAsVerifyCompletedAndBackupCorruptedAndOnlyTheLatterNotifies()
            throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID channel = EventRows.webhook(rows, true, "*");
        UUID backup = rows.completedBackup();
        UUID verification = UUID.randomUUID();
        rows.exec("insert into verifications (id, tenant_id, backup_id, source_id, state) values (?, ?, ?, ?, "
                + "'completed')", verification, rows.tenantId, backup, rows.sourceId);
        JobEvent verified = JobMessages.event(JobTable.VERIFICATIONS, verification, rows.tenantId,
                JobFact.COMPLETED, JobState.COMPLETED, data("state", "corrupted", "problems", 2));
        // an unknown fact type is dropped, not an error
        String unknownFact = json(verified).replace("verify.completed", "verify.exploded")
                .replace(verified.eventId().toString(), UUID.randomUUID().toString());
        publish(verification.toString(), unknownFact, json(verified));

        await("the verification is logged",
                () -> rows.count("select count(*) from events where job_id = ?", verification) == 2);

        assertThat(rows.text("select string_agg(concat_ws('|', type, body->'subject'->>'verificationId', "
                + "body->'subject'->>'backupId', source_id, body->'data'->>'state'), ',' order by seq) "
                + "from events where job_id = ?", verification))
                .isEqualTo("backup.corrupted|" + verification + "|" + backup + "|" + rows.sourceId + "|corrupted,"
                        + "verify.completed|" + verification + "|" + backup + "|" + rows.sourceId + "|corrupted");
        assertThat(rows.text("select string_agg(event_type, ',') from notification_deliveries where channel_id = ?",
                channel)).isEqualTo("backup.corrupted");
    }
}
