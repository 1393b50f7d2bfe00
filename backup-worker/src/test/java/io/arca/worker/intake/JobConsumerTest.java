package io.arca.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.worker.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Messages the worker must not run: dead letters with a reason, and jobs that are not claimable. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class JobConsumerTest {
    @Inject
    AgroalDataSource db;

    @Test
    void unparseableMessageGoesToTheDeadLetterStreamWithTheReason() throws Exception {
        Fixtures f = new Fixtures(db);
        String key = "garbage-" + UUID.randomUUID();
        f.publish(key, "this is not json");

        assertThat(f.await("select payload->>'reason' like 'not JSON%' from outbox where stream = 'jobs-dlq' "
                + "and message_key = ?", "t", Duration.ofSeconds(30), key)).isEqualTo("t");
        assertThat(f.text("select payload->>'payload' from outbox where stream = 'jobs-dlq' and message_key = ?", key))
                .isEqualTo("this is not json");
    }

    @Test
    void unknownVersionAndUnknownJobAreDeadLettered() throws Exception {
        Fixtures f = new Fixtures(db);
        String versionKey = "v-" + UUID.randomUUID();
        f.publish(versionKey, "{\"version\":99,\"jobId\":\"" + UUID.randomUUID() + "\",\"kind\":\"backup\"}");
        String unknownKey = "u-" + UUID.randomUUID();
        f.publish(unknownKey, Fixtures.jobMessage(UUID.randomUUID(), "backup", f.tenantId, UUID.randomUUID(), 1));

        assertThat(f.await("select payload->>'reason' from outbox where stream = 'jobs-dlq' and message_key = ?",
                "unsupported message version 99 (this worker reads version 1)", Duration.ofSeconds(30), versionKey))
                .isEqualTo("unsupported message version 99 (this worker reads version 1)");
        assertThat(f.await("select (payload->>'reason' like 'unknown job:%')::text from outbox where stream = 'jobs-dlq' "
                + "and message_key = ?", "true", Duration.ofSeconds(30), unknownKey)).isEqualTo("true");
    }

    @Test
    void jobRunningElsewhereOrFinishedIsLeftAlone() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source("irrelevant");
        UUID running = f.pendingBackup(source, "{}");
        f.exec("update backups set state = 'running', worker_id = 'other-worker', lease_expires_at = now() + interval '1 hour' where id = ?", running);
        UUID done = f.pendingBackup(source, "{}");
        f.exec("update backups set state = 'completed' where id = ?", done);
        UUID cancelled = f.pendingBackup(source, "{}");
        f.exec("update backups set state = 'cancelled' where id = ?", cancelled);

        for (UUID id : new UUID[] {running, done, cancelled}) {
            f.publish(source.toString(), Fixtures.jobMessage(id, "backup", f.tenantId, source, 1));
        }
        // a marker message published after them: once it is dead-lettered, the three were consumed
        String marker = "m-" + UUID.randomUUID();
        f.publish(marker, "marker");
        assertThat(f.await("select count(*)::text from outbox where stream = 'jobs-dlq' and message_key = ?", "1",
                Duration.ofSeconds(30), marker)).isEqualTo("1");

        assertThat(f.text("select state || '/' || worker_id || '/' || version from backups where id = ?", running))
                .isEqualTo("running/other-worker/0");
        assertThat(f.text("select state || '/' || version from backups where id = ?", done)).isEqualTo("completed/0");
        assertThat(f.text("select state || '/' || version from backups where id = ?", cancelled)).isEqualTo("cancelled/0");
    }
}
