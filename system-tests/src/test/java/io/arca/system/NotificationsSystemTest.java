package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Notifications end to end, on the real services: a job's fact travels outbox -> Kafka -> the scheduler's ingestor ->
 * event log -> the delivery engine -> a webhook receiver or an SMTP server, and the API streams the same log.
 */
class NotificationsSystemTest {
    private static ArcaSystem arca;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
    }

    @Test
    void failedBackupSendsOneEmailNamingTheSourceTheReasonAndTheBackup() throws Exception {
        ArcaClient api = arca.client().createTenant("mail-" + UUID.randomUUID().toString().substring(0, 8));
        String recipient = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        api.request().body(Map.of("name", "ops mail", "kind", "email", "recipients", List.of(recipient),
                "eventTypes", List.of("backup.failed"))).post("/api/v1/notification-channels").then().statusCode(201);
        String database = arca.sources.empty("gone");
        UUID source = api.createSource(arca.env, database);
        arca.sources.drop(database);

        UUID backupId = api.requestBackup(source, ArcaClient.ZSTD_ENCRYPTED);
        JsonPath failed = api.awaitBackup(backupId, v -> false, Duration.ofMinutes(2));
        assertThat(failed.getString("state")).as(failed.prettify()).isEqualTo("failed");
        String reason = failed.getString("error");
        assertThat(reason).isNotBlank();

        List<MimeMessage> mails = awaitMails(recipient, 1, Duration.ofSeconds(60));
        assertThat(mails).as("emails to %s", recipient).hasSize(1);
        MimeMessage mail = mails.get(0);
        String text = textOf(mail);
        System.out.printf("email: %s%n%s%n", mail.getSubject(), text);
        assertThat(mail.getSubject()).contains("backup.failed").contains(database);
        assertThat(text).contains(database).contains(reason).contains("/api/v1/backups/" + backupId);
        // one email per event: nothing else arrives for this event (the engine records what it sent)
        Thread.sleep(3000);
        assertThat(mailsTo(recipient)).hasSize(1);
    }

    @Test
    void webhookIsDeliveredAgainWithTheSameIdWhenTheSchedulerDiesBetweenSendingAndRecording() throws Exception {
        ArcaClient api = arca.client().createTenant("hook-" + UUID.randomUUID().toString().substring(0, 8));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonPath channel = api.request().body(Map.of("name", "ci hook", "kind", "webhook", "url", receiver.url(),
                    "eventTypes", List.of("backup.completed"))).post("/api/v1/notification-channels")
                    .then().statusCode(201).extract().jsonPath();
            String secret = channel.getString("secret");
            assertThat(secret).startsWith("whsec_");
            String database = arca.sources.sample();
            UUID source = api.createSource(arca.env, database);

            receiver.holdNext();
            UUID backupId = api.backupAndAwait(source, ArcaClient.ZSTD_ENCRYPTED, Duration.ofMinutes(3))
                    .getUUID("id");
            assertThat(receiver.awaitHeld(Duration.ofSeconds(60))).as("the first attempt reached the receiver")
                    .isTrue();
            ServiceProcess replacement = arca.crashAndReplaceScheduler();
            receiver.release(); // answers a sender that no longer exists: the attempt was never recorded
            System.out.printf("killed the scheduler while the receiver held the first attempt; started %s%n",
                    replacement.name());

            String firstId = receiver.received().get(0).webhookId();
            List<WebhookReceiver.Received> all = receiver.await(
                    r -> r.stream().filter(x -> x.webhookId().equals(firstId)).count() >= 2, Duration.ofMinutes(2));
            List<WebhookReceiver.Received> sameEvent = all.stream().filter(x -> x.webhookId().equals(firstId))
                    .toList();
            assertThat(sameEvent).as("deliveries of event %s", firstId).hasSizeGreaterThanOrEqualTo(2);
            for (WebhookReceiver.Received r : sameEvent) {
                assertThat(WebhookReceiver.verifies(secret, r)).as("signature of %s", r).isTrue();
                JsonPath body = JsonPath.from(r.body());
                assertThat(body.getString("type")).isEqualTo("backup.completed");
                assertThat(body.getString("subject.backupId")).isEqualTo(backupId.toString());
                assertThat(body.getString("id")).isEqualTo(firstId);
            }
            assertThat(sameEvent.get(1).body()).isEqualTo(sameEvent.get(0).body());
            WebhookReceiver.Received tampered = new WebhookReceiver.Received(firstId, sameEvent.get(0).timestamp(),
                    sameEvent.get(0).signature(), sameEvent.get(0).body().replace("completed", "failed"), 0);
            assertThat(WebhookReceiver.verifies(secret, tampered)).as("a tampered body").isFalse();

            JsonPath deliveries = awaitDelivered(api, channel.getString("id"), firstId);
            System.out.println("delivery log: " + deliveries.prettify());
        }
    }

    @Test
    void streamResumedWithLastEventIdGetsEveryLaterEventOnceInOrder() throws Exception {
        ArcaClient api = arca.client().createTenant("sse-" + UUID.randomUUID().toString().substring(0, 8));
        String database = arca.sources.pgbench(5);
        UUID source = api.createSource(arca.env, database);
        String path = "/api/v1/events?sourceId=" + source;
        List<SseClient.Event> seen = new ArrayList<>();
        UUID backupId;
        try (SseClient first = SseClient.open(arca.apiBaseUrl(), api.key(), path, null)) {
            backupId = api.requestBackup(source, ArcaClient.ZSTD_ENCRYPTED);
            SseClient.Event e;
            do {
                e = first.next(Duration.ofSeconds(60));
                assertThat(e).as("an event before the first progress; seen %s", seen).isNotNull();
                seen.add(e);
            } while (!e.type().equals("backup.progress"));
        }
        long lastId = seen.get(seen.size() - 1).id();
        Thread.sleep(1500); // the backup goes on while the client is away
        try (SseClient resumed = SseClient.open(arca.apiBaseUrl(), api.key(), path, lastId)) {
            SseClient.Event e;
            do {
                e = resumed.next(Duration.ofMinutes(3));
                assertThat(e).as("an event before backup.completed; seen %s", seen).isNotNull();
                seen.add(e);
            } while (!e.type().equals("backup.completed"));
        }
        List<Long> ids = seen.stream().map(SseClient.Event::id).toList();
        assertThat(ids).as("ids across the reconnect").doesNotHaveDuplicates().isSorted();
        // exactly the log: every event of this backup the catalog recorded, in its order, none missing
        String logged = arca.catalogText("select string_agg(seq::text, ',' order by seq) from events "
                + "where job_id = ? and seq <= ?", backupId, ids.get(ids.size() - 1));
        List<Long> expected = Arrays.stream(logged.split(",")).map(Long::parseLong).toList();
        assertThat(ids).isEqualTo(expected);
        assertThat(seen).extracting(SseClient.Event::type)
                .contains("backup.requested", "backup.started", "backup.progress", "backup.completed");
        assertThat(seen.get(seen.size() - 1).data()).contains(backupId.toString());
    }

    private static JsonPath awaitDelivered(ArcaClient api, String channelId, String eventId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonPath log;
        do {
            log = api.request().get("/api/v1/notification-channels/" + channelId + "/deliveries").then()
                    .statusCode(200).extract().jsonPath();
            if ("delivered".equals(log.getString("items.find { it.eventId == '" + eventId + "' }.state"))) {
                return log;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("delivery of " + eventId + " not recorded as delivered: " + log.prettify());
    }

    private static List<MimeMessage> awaitMails(String recipient, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MimeMessage> mails = mailsTo(recipient);
        while (mails.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            mails = mailsTo(recipient);
        }
        return mails;
    }

    private static List<MimeMessage> mailsTo(String recipient) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : arca.mail.getReceivedMessages()) {
            if (m.getRecipients(Message.RecipientType.TO) != null && Arrays.stream(
                    m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(recipient))) {
                out.add(m);
            }
        }
        return out;
    }

    /** Every text part of a message (plain and HTML), decoded. */
    private static String textOf(jakarta.mail.Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        if (content instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart p = mp.getBodyPart(i);
                out.append(textOf(p)).append('\n');
            }
        }
        return out.toString();
    }
}
