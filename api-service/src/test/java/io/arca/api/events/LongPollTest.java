package io.arca.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.arca.api.backup.TestBackups;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /backups/{id} and /restores/{id} with waitFor: woken by the job's events, at the timeout with the state then,
 * at once when the job is in the state already. The waits below use timeout=60 and a deadline far below it on the
 * client: an answer within the deadline can only come from the event, never from the timeout.
 */
@QuarkusTest
class LongPollTest extends ApiTest {
    @Inject
    JobWaits waits;

    private TenantKeys tenant;
    private String sourceId;
    private String backupId;

    @BeforeEach
    void pendingBackup() {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
        backupId = TestBackups.request(tenant, sourceId);
    }

    @Test
    void backupLongPollReturnsWhenTheJobReachesTheState() throws Exception {
        CompletableFuture<Response> poll = CompletableFuture.supplyAsync(() -> as(tenant.viewer())
                .get("/api/v1/backups/" + backupId + "?waitFor=running,terminal&timeout=60s"));
        awaitWaiting();
        // an event of the job that does not change its state: the poll re-reads and goes on waiting
        TestEvents.append(tenant.tenantId(), "backup.progress", UUID.fromString(backupId), null);
        // the worker's way: the row changes, then the job's event reaches the log
        TestBackups.setState(backupId, "running");
        TestEvents.append(tenant.tenantId(), "backup.started", UUID.fromString(backupId), null);

        Response answer = poll.get(30, TimeUnit.SECONDS);

        answer.then().statusCode(200).body("id", equalTo(backupId)).body("state", equalTo("running"));
    }

    @Test
    void restoreLongPollReturnsWhenTheJobReachesTheState() throws Exception {
        TestBackups.setState(backupId, "completed");
        String restoreId = as(tenant.operator()).body(Map.of("backupId", backupId,
                        "target", Map.of("sourceId", sourceId, "database", "shop_poll")))
                .post("/api/v1/restores").then().statusCode(202).extract().path("id");
        CompletableFuture<Response> poll = CompletableFuture.supplyAsync(() -> as(tenant.viewer())
                .get("/api/v1/restores/" + restoreId + "?waitFor=terminal&timeout=60"));
        awaitWaiting();
        setRestoreState(restoreId, "failed");
        TestEvents.append(tenant.tenantId(), "restore.failed", UUID.fromString(restoreId), UUID.fromString(sourceId));

        Response answer = poll.get(30, TimeUnit.SECONDS);

        answer.then().statusCode(200).body("id", equalTo(restoreId)).body("state", equalTo("failed"));
    }

    @Test
    void aJobInTheStateAlreadyAnswersAtOnce() throws Exception {
        CompletableFuture<Response> poll = CompletableFuture.supplyAsync(() -> as(tenant.viewer())
                .get("/api/v1/backups/" + backupId + "?waitFor=pending,queued&timeout=60"));

        poll.get(30, TimeUnit.SECONDS).then().statusCode(200).body("state", equalTo("pending"));
    }

    @Test
    void atTheTimeoutTheAnswerIsTheStateThen() {
        // another job's events do not end the wait early, and do not change the answer
        TestBackups.request(tenant, sourceId);
        as(tenant.viewer()).get("/api/v1/backups/" + backupId + "?waitFor=completed&timeout=1s")
                .then().statusCode(200).body("id", equalTo(backupId)).body("state", equalTo("pending"));
        as(tenant.viewer()).get("/api/v1/backups/" + backupId + "?waitFor=completed&timeout=0")
                .then().statusCode(200).body("state", equalTo("pending"));
    }

    @Test
    void badParametersGetProblems() {
        String url = "/api/v1/backups/" + backupId;
        // an unknown state: 400 naming waitFor and listing the states
        as(tenant.viewer()).get(url + "?waitFor=done").then().statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/validation-failed"))
                .body("field", equalTo("waitFor")).body("detail", containsString("\"done\""))
                .body("detail", containsString("terminal"));
        // a timeout above 60 s, negative, or not seconds: 400 naming timeout
        for (String timeout : new String[] {"61", "61s", "-1", "abc", "1m", "1.5s"}) {
            as(tenant.viewer()).get(url + "?waitFor=completed&timeout=" + timeout).then().statusCode(400)
                    .body("field", equalTo("timeout")).body("detail", containsString("60"));
        }
        as(tenant.viewer()).get("/api/v1/restores/" + UUID.randomUUID() + "?waitFor=done").then().statusCode(400)
                .body("field", equalTo("waitFor"));
        // an unknown job or another tenant's: 404 at once, as without waitFor
        as(tenant.viewer()).get("/api/v1/backups/" + UUID.randomUUID() + "?waitFor=completed&timeout=60")
                .then().statusCode(404);
        as(newTenant().viewer()).get(url + "?waitFor=completed&timeout=60").then().statusCode(404);
        // without waitFor: the plain GET
        as(tenant.viewer()).get(url).then().statusCode(200).body("state", equalTo("pending"));
    }

    /** Until a poll has read its job (not yet in the state) and sleeps: what follows must wake it. */
    private void awaitWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (waits.waiting() == 0) {
            assertThat(System.nanoTime()).as("the long poll never started waiting").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void setRestoreState(String restoreId, String state) throws Exception {
        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement("update restores set state = ? where id = ?")) {
            s.setString(1, state);
            s.setObject(2, UUID.fromString(restoreId));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
