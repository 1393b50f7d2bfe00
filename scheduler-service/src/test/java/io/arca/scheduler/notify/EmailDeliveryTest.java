package io.arca.scheduler.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.common.crypto.SecretSealer;
import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventType;
import io.arca.storage.MasterKeyConfig;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.mailer.Mail;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Emails through a real SMTP server (GreenMail): one per event, or a digest of a channel's pending events. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = false)
class EmailDeliveryTest {
    @Inject
    AgroalDataSource db;
    @Inject
    MasterKeyConfig security;
    @Inject
    EmailContent content;

    NotifyRows rows;

    @BeforeEach
    void setUp() throws Exception {
        rows = new NotifyRows(db, SecretSealer.fromBase64(security.masterKey()));
    }

    @Test
    void aFailedBackupSendsOneEmailWithTheSourceTheReasonAndALinkToTheBackup() throws Exception {
        String to = "ops-" + UUID.randomUUID() + "@example.com";
        UUID channel = rows.email(List.of(to), null);
        ArcaEvent event = rows.backupFailedEvent("could not connect to server: Connection refused");
        UUID delivery = rows.deliver(channel, event, Instant.now());

        rows.awaitState(delivery, "delivered");

        List<MimeMessage> mails = mailsTo(to);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("[Arca] backup.failed: shop");
        assertThat(Arrays.stream(mail.getFrom()).map(Address::toString)).containsExactly("arca@localhost");
        String link = "https://arca.example.test/api/v1/backups/" + event.subject().get("backupId");
        String text = part(mail, "text/plain");
        assertThat(text).contains("A backup of shop failed.").contains("Source: shop")
                .contains("Error: could not connect to server: Connection refused").contains("Details: " + link)
                .contains(event.id().toString());
        String html = part(mail, "text/html");
        assertThat(html).contains("<a href=\"" + link + "\">").contains("A backup of shop failed.");
        assertThat(rows.attempts(delivery)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo("delivered");
            assertThat(a.status()).as("no HTTP status for email").isNull();
        });
    }

    @Test
    void aDigestChannelGetsOneEmailWithEveryPendingEvent() throws Exception {
        String to = "digest-" + UUID.randomUUID() + "@example.com";
        UUID channel = rows.email(List.of(to), 5);
        List<UUID> deliveries = new ArrayList<>();
        // as the ingestor enqueues for a digest channel: each due at its event's time + the digest window
        for (String error : List.of("first failure", "second failure", "third failure")) {
            deliveries.add(rows.deliver(channel, rows.backupFailedEvent(error), Instant.now().plusSeconds(300)));
        }
        assertThat(rows.state(deliveries.get(0))).isEqualTo("pending");
        // the first one's window has passed
        rows.catalog.makeDue("notification_deliveries", deliveries.get(0));

        for (UUID d : deliveries) {
            rows.awaitState(d, "delivered");
        }

        List<MimeMessage> mails = mailsTo(to);
        assertThat(mails).as("one email for the three events").hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("[Arca] 3 events: backup.failed");
        String text = part(mails.get(0), "text/plain");
        assertThat(text).startsWith("3 events since the last email").contains("first failure")
                .contains("second failure").contains("third failure").contains("https://arca.example.test/api/v1/backups/");
        assertThat(part(mails.get(0), "text/html")).contains("third failure");
    }

    @Test
    void everyNotifiableTypeHasAPlainTextAndAnHtmlTemplate() throws Exception {
        UUID channelId = UUID.randomUUID();
        ChannelTarget channel = new ChannelTarget(channelId, rows.catalog.tenantId, "ops", "email", null, Map.of(),
                null, null, null, List.of("a@example.com"), null);
        for (EventType type : EventType.values()) {
            if (type.audience() == EventType.Audience.STREAM) {
                continue;
            }
            ArcaEvent event = ArcaEvent.of(type.wireName(), rows.catalog.tenantId, Map.of("sourceId",
                    rows.catalog.sourceId.toString()), Map.of("sourceName", "shop", "name", "n", "error", "why"));
            Mail mail = content.mail(List.of(new ClaimedDelivery(UUID.randomUUID(), event.id(), type.wireName(), 1,
                    io.arca.events.EventLog.json(event), event.time(), channel)));
            assertThat(mail.getSubject()).as(type.wireName()).startsWith("[Arca] " + type.wireName() + ": ");
            assertThat(mail.getText()).as(type.wireName()).contains(event.id().toString()).contains("Error: why")
                    .doesNotContain("NOT_FOUND");
            assertThat(mail.getHtml()).as(type.wireName()).contains("<html>").contains("why");
        }
    }

    private static List<MimeMessage> mailsTo(String recipient) throws Exception {
        NotifyRows.await("an email to " + recipient, Duration.ofSeconds(10), () -> !received(recipient).isEmpty());
        return received(recipient);
    }

    private static List<MimeMessage> received(String recipient) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : GreenMailResource.greenMail().getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(recipient))) {
                out.add(m);
            }
        }
        return out;
    }

    /** The body part of {@code mimeType} (the mailer sends text and HTML as multipart/alternative). */
    private static String part(Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = part(body, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
