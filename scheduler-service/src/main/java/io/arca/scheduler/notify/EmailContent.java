package io.arca.scheduler.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import io.arca.events.EventLog;
import io.arca.events.EventType;
import io.arca.events.cdi.NotificationsConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes notification emails from the Qute templates in {@code templates/notify/}: {@code <type>.txt} and
 * {@code <type>.html} per event type (each a few lines inside the shared {@code layout}), and {@code digest.*} for a
 * digest channel's batch. Subject: {@code [Arca] <type>: <source name or subject>}.
 */
@ApplicationScoped
public class EmailContent {
    private final Engine qute;
    private final EventLinks links;

    public EmailContent(Engine qute, NotificationsConfig config) {
        this.qute = qute;
        this.links = new EventLinks(config.publicApiUrl());
    }

    public Mail mail(List<ClaimedDelivery> deliveries) {
        ChannelTarget channel = deliveries.get(0).channel();
        if (deliveries.size() == 1 && !channel.isDigest()) {
            Map<String, Object> event = model(deliveries.get(0), channel);
            String type = (String) event.get("type");
            return new Mail().setSubject("[Arca] " + type + ": " + event.get("about"))
                    .setText(render("notify/" + type + ".txt", event))
                    .setHtml(render("notify/" + type + ".html", event));
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (ClaimedDelivery d : deliveries) {
            events.add(model(d, channel));
        }
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("events", events);
        digest.put("channelName", channel.name());
        digest.put("count", events.size());
        return new Mail().setSubject("[Arca] " + events.size() + " events: " + summary(events))
                .setText(render("notify/digest.txt", digest)).setHtml(render("notify/digest.html", digest));
    }

    /** What every template may use; every key present (null when unknown), as Qute's strict rendering wants. */
    private Map<String, Object> model(ClaimedDelivery d, ChannelTarget channel) {
        Map<String, Object> envelope = envelope(d);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = envelope.get("data") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        @SuppressWarnings("unchecked")
        Map<String, String> subject = envelope.get("subject") instanceof Map<?, ?> m
                ? (Map<String, String>) m : Map.of();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", d.eventType());
        model.put("meaning", EventType.ofWireName(d.eventType()).map(EventType::meaning).orElse(d.eventType()));
        model.put("eventId", d.eventId().toString());
        model.put("time", envelope.getOrDefault("time", String.valueOf(d.eventTime())));
        model.put("sourceName", data.get("sourceName"));
        model.put("error", data.get("error"));
        model.put("about", about(data, subject));
        model.put("link", links.of(d.eventType(), subject));
        model.put("data", data);
        model.put("subject", subject);
        model.put("channelName", channel.name());
        return model;
    }

    private static Map<String, Object> envelope(ClaimedDelivery d) {
        if (d.eventBody() == null) {
            throw new IllegalStateException("the event is no longer in the event log (older than the retention)");
        }
        try {
            return EventLog.JSON.readValue(d.eventBody(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("the stored event is not JSON", e);
        }
    }

    /** The source's name when the event names one, else its subject's name or first id. */
    private static String about(Map<String, Object> data, Map<String, String> subject) {
        for (String key : List.of("sourceName", "name")) {
            if (data.get(key) != null) {
                return String.valueOf(data.get(key));
            }
        }
        return subject.entrySet().stream().findFirst().map(e -> e.getKey() + " " + e.getValue()).orElse("Arca");
    }

    private static String summary(List<Map<String, Object>> events) {
        return String.join(", ", events.stream().map(e -> (String) e.get("type")).distinct().toList());
    }

    private String render(String id, Map<String, Object> model) {
        Template template = qute.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("no email template " + id);
        }
        return template.data(model).render();
    }
}
