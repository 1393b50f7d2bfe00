package io.arca.scheduler.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One email attempt: one event, or a digest channel's pending events together. The SMTP server accepting the message
 * is delivery (what happens after is the mail system's); anything else is a failed attempt with the server's answer,
 * retried like a webhook's. SMTP host, port, TLS and credentials are the standard {@code quarkus.mailer.*} keys.
 */
@ApplicationScoped
public class EmailSender {
    private final ReactiveMailer mailer;
    private final EmailContent content;
    /** How long the SMTP exchange may take ({@code arca.notifications.email-send-timeout}). */
    private final Duration sendTimeout;

    public EmailSender(ReactiveMailer mailer, EmailContent content, DispatcherConfig config) {
        this.mailer = mailer;
        this.content = content;
        this.sendTimeout = config.emailSendTimeout();
    }

    /** How long one email's SMTP exchange may take: the dispatcher's leases and shutdown grace follow it. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    public AttemptOutcome send(List<ClaimedDelivery> deliveries) {
        Instant attemptedAt = Instant.now();
        long started = System.nanoTime();
        ChannelTarget channel = deliveries.get(0).channel();
        Mail mail;
        try {
            mail = content.mail(deliveries);
        } catch (RuntimeException e) {
            return AttemptOutcome.failed(null, millisSince(started), "the email could not be written: " + e.getMessage(),
                    null, attemptedAt);
        }
        mail.setTo(channel.recipients());
        try {
            mailer.send(mail).await().atMost(sendTimeout);
            return AttemptOutcome.delivered(null, millisSince(started), null, attemptedAt);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e instanceof io.smallrye.mutiny.TimeoutException) {
                reason = "the SMTP server did not accept the message within " + sendTimeout.toMillis() + " ms";
            }
            return AttemptOutcome.failed(null, millisSince(started), "SMTP: " + reason, null, attemptedAt);
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
