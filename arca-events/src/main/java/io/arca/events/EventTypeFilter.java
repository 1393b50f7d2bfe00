package io.arca.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The event types a channel or a stream asks for: exact types ({@code backup.failed}), a family ({@code backup.*}) or
 * everything ({@code *}). Parsing refuses what the catalogue does not know, so a typo is an error at configuration time
 * instead of a channel that silently never fires.
 */
public final class EventTypeFilter {
    private final List<String> patterns;

    private EventTypeFilter(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * @param notifyOnly true for channels: only {@link EventType.Audience#NOTIFY} types (a family or {@code *} then means
     *                   its notifiable types); false for the stream: any catalogued type
     * @throws IllegalArgumentException naming every pattern that matches no (allowed) type, or when none is given
     */
    public static EventTypeFilter parse(List<String> patterns, boolean notifyOnly) {
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("at least one event type is required (e.g. \"backup.failed\" or \"*\")");
        }
        List<String> normalized = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : patterns) {
            String p = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
            boolean known = false;
            for (EventType t : EventType.values()) {
                if (matches(p, t.wireName()) && (notifyOnly ? t.notifiable() : t.audience() != EventType.Audience.TEST)) {
                    known = true;
                    break;
                }
            }
            if (known) {
                normalized.add(p);
            } else {
                unknown.add(raw);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown event type" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + (notifyOnly ? ": a channel accepts " : ": the stream knows ") + known(notifyOnly));
        }
        return new EventTypeFilter(normalized);
    }

    /**
     * A filter as stored on a channel, without checking it against the catalogue: a stored pattern was valid when it
     * was written, and one whose type left the catalogue since simply matches nothing (the channel still gets the
     * rest) instead of stopping the fan-out of every event.
     */
    public static EventTypeFilter stored(List<String> patterns) {
        return new EventTypeFilter(patterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList());
    }

    /** Everything the audience may see. */
    public static EventTypeFilter all() {
        return new EventTypeFilter(List.of("*"));
    }

    public List<String> patterns() {
        return patterns;
    }

    public boolean matches(String type) {
        for (String p : patterns) {
            if (matches(p, type)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String type) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(type);
    }

    private static List<String> known(boolean notifyOnly) {
        return java.util.Arrays.stream(EventType.values())
                .filter(t -> notifyOnly ? t.notifiable() : t.audience() != EventType.Audience.TEST)
                .map(EventType::wireName).toList();
    }
}
